import { formatDate } from '../../shared/dates';
import { JOB_RUN_STATE_LABELS } from '../../shared/api/jobs';
import { CliUsageError, type CliCommand } from '../cli/types';

const when = (iso: string | null) => (iso ? `${formatDate(new Date(iso).toLocaleDateString('en-CA', { timeZone: 'Europe/Berlin' }))} ${new Date(iso).toLocaleTimeString('de-DE', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit' })}` : '—');

export const jobCommands: readonly CliCommand[] = [
  {
    name: 'jobs list',
    summary: 'Geplante Aufträge mit Zeitplan, nächstem und letztem Lauf',
    async run(_args, io) {
      const jobs = await io.call('jobs.list', {});
      for (const j of jobs) {
        const last = j.lastRun ? `${JOB_RUN_STATE_LABELS[j.lastRun.state]} ${when(j.lastRun.finishedAt)}` : 'noch nie';
        io.print(`${j.name.padEnd(22)} ${j.label.padEnd(22)} ${(j.enabled ? j.cronText : 'ausgeschaltet').padEnd(32)} nächster: ${when(j.nextRunAt)}  letzter: ${last}`);
      }
      return jobs;
    },
  },
  {
    name: 'jobs run',
    summary: 'Auftrag jetzt ausführen und auf das Ende warten (gleiche Sperre wie in der Anwendung)',
    usage: '<name>',
    async run(args, io) {
      const name = args.positionals[0];
      if (!name) throw new CliUsageError('Name des Auftrags fehlt (siehe "jobs list")');
      const run = await io.call('jobs.runAndWait', { name });
      io.print(`${run.label}: ${JOB_RUN_STATE_LABELS[run.state]}${run.message ? ` – ${run.message}` : ''}`);
      for (const [k, v] of Object.entries(run.counts)) io.print(`  ${k}: ${v}`);
      for (const e of run.errors) io.print(`  Fehler: ${e}`);
      if (run.state === 'FAILED') throw new CliUsageError(run.errors[0] ?? 'Auftrag fehlgeschlagen');
      return run;
    },
  },
];
