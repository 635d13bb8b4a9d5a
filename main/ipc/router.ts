// The one router behind every transport (Electron IPC, web host, CLI): it validates each
// payload against the contract before any handler runs and returns errors as data.
import { channels, isChannelName, type ChannelName } from '../../shared/api';
import { AppError, type CallResult } from '../../shared/errors';
import { toAppErrorData, validationError } from './errors';
import type { AreaHandlers, CallContext } from './types';

export type HandlerMap = AreaHandlers<typeof channels>;

export interface Router {
  call(channel: string, payload: unknown, ctx: CallContext): Promise<CallResult<unknown>>;
  readonly channelNames: readonly ChannelName[];
}

export interface RouterOptions {
  /** Unexpected (non-domain) errors are reported here; defaults to stderr. */
  readonly onInternalError?: (channel: string, error: unknown) => void;
}

export function createRouter(handlers: HandlerMap, options: RouterOptions = {}): Router {
  const report = options.onInternalError ?? ((channel, error) => console.error(`[abowerk] ${channel}:`, error));
  return {
    channelNames: Object.keys(channels) as ChannelName[],
    async call(channel, payload, ctx) {
      if (!isChannelName(channel)) {
        return { ok: false, error: new AppError('UNKNOWN_CHANNEL', `Unbekannter Kanal: ${channel}`).toData() };
      }
      const parsed = channels[channel].input.safeParse(payload ?? {});
      if (!parsed.success) return { ok: false, error: validationError(parsed.error).toData() };
      try {
        const handler = handlers[channel] as (input: unknown, ctx: CallContext) => Promise<unknown>;
        return { ok: true, value: await handler(parsed.data, ctx) };
      } catch (error) {
        const data = toAppErrorData(error);
        if (data.code === 'INTERNAL') report(channel, error);
        return { ok: false, error: data };
      }
    },
  };
}
