// Headless command line over the same router: `npm run cli -- <command> [--flags] [--json]`.
import { userInfo } from 'node:os';
import type { ChannelName } from '../../shared/api';
import type { AppErrorData } from '../../shared/errors';
import { defaultDataDir } from '../company/data-dir';
import { AppSession } from '../company/session';
import { clockFromEnv } from '../ipc/clock';
import { toAppErrorData } from '../ipc/errors';
import { EventBus } from '../ipc/event-bus';
import { handlers } from '../ipc/handlers';
import { createRouter } from '../ipc/router';
import { commands } from './commands';
import { CliUsageError, type CliArgs, type CliCommand, type CliIo } from './types';

class CliCallError extends Error {
  constructor(readonly error: AppErrorData) {
    super(error.message);
  }
}

function usage(): string {
  const lines = ['Abowerk – Befehlszeile', '', 'Aufruf: npm run cli -- <Befehl> [Optionen] [--json] [--company <Datei>]', '', 'Befehle:'];
  for (const c of commands) lines.push(`  ${c.name.padEnd(22)} ${c.summary}${c.usage ? `\n  ${''.padEnd(22)} ${c.usage}` : ''}`);
  return lines.join('\n');
}

function findCommand(words: readonly string[]): { command: CliCommand; rest: string[] } | null {
  for (const command of [...commands].sort((a, b) => b.name.split(' ').length - a.name.split(' ').length)) {
    const parts = command.name.split(' ');
    if (parts.every((p, i) => words[i] === p)) return { command, rest: words.slice(parts.length) };
  }
  return null;
}

/** Flags that never take a value; every other `--name` takes the next word (or `--name=value`). */
const SWITCHES = new Set(['json', 'help', 'inactive', 'auto', 'strict', 'update', 'yes', 'only-new', 'dry-run', 'no-auto']);

export function parseCliArgs(argv: readonly string[]): { positionals: string[]; flags: Record<string, string | boolean> } {
  const positionals: string[] = [];
  const flags: Record<string, string | boolean> = {};
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i] ?? '';
    if (!word.startsWith('--')) {
      positionals.push(word);
      continue;
    }
    const [name = '', inline] = word.slice(2).split(/=(.*)/s, 2);
    const next = argv[i + 1];
    if (inline !== undefined) flags[name] = inline;
    else if (!SWITCHES.has(name) && next !== undefined && !next.startsWith('--')) {
      flags[name] = next;
      i++;
    } else flags[name] = true;
  }
  return { positionals, flags };
}

export async function runCli(argv: readonly string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const parsed = parseCliArgs(argv);
  const flags = parsed.flags;
  const json = flags.json === true;
  const found = findCommand(parsed.positionals);
  if (!found || flags.help === true) {
    (found ? out : err)(usage());
    return found ? 0 : 2;
  }
  const args: CliArgs = {
    positionals: found.rest,
    flags,
    str(name: string, required?: boolean): string {
      const v = flags[name];
      if (typeof v === 'string') return v;
      if (required) throw new CliUsageError(`Option --${name} fehlt`);
      return undefined as unknown as string;
    },
  };
  const session = new AppSession(defaultDataDir(), clockFromEnv(), process.env.ABOWERK_ACTOR ?? `${userInfo().username} (CLI)`, new EventBus());
  const router = createRouter(handlers);
  const io: CliIo = {
    session,
    json,
    print: (line) => {
      if (!json) out(line);
    },
    async call(channel: ChannelName, input: unknown) {
      const result = await router.call(channel, input, session.context());
      if (!result.ok) throw new CliCallError(result.error);
      return result.value as never;
    },
  };
  try {
    if (found.command.needsCompany !== false) {
      const file = args.str('company');
      const info = file ? await session.open(file) : await session.reopenLast();
      if (!info) throw new CliUsageError('Keine Firmendatei geöffnet. Mit --company <Datei> wählen oder zuerst "company create" ausführen.');
    }
    const result = await found.command.run(args, io);
    if (json) out(JSON.stringify(result, null, 2));
    return 0;
  } catch (error) {
    if (error instanceof CliUsageError) {
      err(`Fehler: ${error.message}`);
      if (found.command.usage) err(`Aufruf: ${found.command.name} ${found.command.usage}`);
      return 2;
    }
    // Errors from outside the router (opening --company) are mapped as the router maps them: German, no SQLite text.
    const data: AppErrorData = error instanceof CliCallError ? error.error : toAppErrorData(error);
    err(`Fehler: ${data.message}`);
    for (const [field, message] of Object.entries(data.details?.fields ?? {})) err(`  ${field}: ${message}`);
    if (json) out(JSON.stringify({ error: data }, null, 2));
    return 1;
  } finally {
    await session.shutdown();
  }
}

if (require.main === module) {
  void runCli(process.argv.slice(2), (s) => process.stdout.write(s + '\n'), (s) => process.stderr.write(s + '\n')).then((code) => {
    process.exitCode = code;
  });
}
