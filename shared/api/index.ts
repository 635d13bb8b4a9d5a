// The whole contract between renderer and main: every area's channels, merged once.
import type { z } from 'zod';
import type { ChannelDef } from './define';
import { bankChannels } from './bank';
import { billingChannels } from './billing';
import { ledgerChannels } from './ledger';
import { catalogChannels } from './catalog';
import { companyChannels } from './company';
import { contractChannels } from './contracts';
import { customerChannels } from './customers';
import { dashboardChannels } from './dashboard';
import { datevChannels } from './datev';
import { documentChannels } from './documents';
import { jobChannels } from './jobs';
import { transferChannels } from './transfer';
import { numberRangeChannels } from './number-ranges';

export const channels = {
  ...billingChannels,
  ...ledgerChannels,
  ...bankChannels,
  ...companyChannels,
  ...customerChannels,
  ...datevChannels,
  ...documentChannels,
  ...catalogChannels,
  ...contractChannels,
  ...jobChannels,
  ...transferChannels,
  ...numberRangeChannels,
  ...dashboardChannels,
} as const;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type ChannelInput<C extends ChannelName> = Channels[C] extends ChannelDef<infer I, unknown> ? z.input<I> : never;
export type ChannelOutput<C extends ChannelName> = Channels[C] extends ChannelDef<z.ZodType, infer O> ? O : never;

export function isChannelName(name: string): name is ChannelName {
  return Object.prototype.hasOwnProperty.call(channels, name);
}

export type { AppEvents, AppEventName, JobProgress } from './events';
export { APP_EVENT_NAMES } from './events';
export type { Page } from './define';
