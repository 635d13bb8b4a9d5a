import type { z } from 'zod';
import type { AnyChannels, ChannelDef } from '../../shared/api/define';
import type { AppEventName, AppEvents } from '../../shared/api/events';
import type { IsoDate } from '../../shared/dates';
import type { CompanyDb } from '../db/company-db';
import type { CompanyInfo } from '../../shared/api/company';
import type { AppSession } from '../company/session';

export interface Clock {
  now(): Date;
  /** Today's calendar date in Germany. */
  today(): IsoDate;
}

/** What only the desktop shell can do (main/app provides it; the web host and CLI have none). */
export interface DesktopServices {
  /** Opens a folder in the system's file manager; resolves to an error text or ''. */
  openPath(path: string): Promise<string>;
}

export interface OpenCompany {
  readonly db: CompanyDb;
  readonly info: CompanyInfo;
}

/** What every handler gets besides its validated input. */
export interface CallContext {
  /** The open company file; throws NO_COMPANY_OPEN when none is open. */
  company(): OpenCompany;
  readonly clock: Clock;
  /** Who acts, for the audit log (OS user, or "CLI"). */
  readonly actor: string;
  emit<E extends AppEventName>(event: E, payload: AppEvents[E]): void;
  /** Company-file management (create, open, switch); only the company handlers need it. */
  readonly session: AppSession;
  /** Present in the Electron app only. */
  readonly desktop: DesktopServices | null;
}

type InputOf<D> = D extends ChannelDef<infer I, unknown> ? z.output<I> : never;
type OutputOf<D> = D extends ChannelDef<z.ZodType, infer O> ? O : never;

export type Handler<D> = (input: InputOf<D>, ctx: CallContext) => Promise<OutputOf<D>>;

/** An area's handlers, typed over its channels: a missing handler does not compile. */
export type AreaHandlers<T extends AnyChannels> = { readonly [C in keyof T]: Handler<T[C]> };
