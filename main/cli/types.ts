import type { ChannelInput, ChannelName, ChannelOutput } from '../../shared/api';
import type { AppSession } from '../company/session';

export interface CliArgs {
  readonly positionals: readonly string[];
  readonly flags: Readonly<Record<string, string | boolean>>;
  /** A string flag; `required` makes a missing one a German usage error. */
  str(name: string, required: true): string;
  str(name: string, required?: false): string | undefined;
}

export interface CliIo {
  /** Calls a channel through the router (validated like every other transport); throws on error. */
  call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>;
  print(line: string): void;
  readonly session: AppSession;
  readonly json: boolean;
}

export interface CliCommand {
  /** Words that select it, e.g. "customers add". */
  readonly name: string;
  readonly summary: string;
  readonly usage?: string;
  /** Opens the company file (--company or the last one) before running; default true. */
  readonly needsCompany?: boolean;
  /** Returns the result printed as JSON with --json; human output goes through io.print. */
  run(args: CliArgs, io: CliIo): Promise<unknown>;
}

export class CliUsageError extends Error {}
