import type { z } from 'zod';

/** One channel of the contract: its input schema (validated in main) and its output type. */
export interface ChannelDef<I extends z.ZodType, O> {
  readonly input: I;
  /** Phantom field: carries the output type, never read at run time. */
  readonly output?: O;
}

/** `channel<Output>()(inputSchema)` — the output type is given, the input is inferred. */
export function channel<O>() {
  return <I extends z.ZodType>(input: I): ChannelDef<I, O> => ({ input });
}

export type AnyChannels = Readonly<Record<string, ChannelDef<z.ZodType, unknown>>>;

/** A page of a server-side paged list. */
export interface Page<T> {
  readonly rows: readonly T[];
  readonly total: number;
  readonly offset: number;
  readonly limit: number;
}
