// CLI: contracts list, activities generate --date, activities list (the logistics export of due deliveries).
import { ACTIVITY_ORIGINS, CONTRACT_STATUS_LABELS, type ActivityOriginCode } from '../../shared/api/contracts';
import { formatDate, formatInterval, formatPeriod, parseDate } from '../../shared/dates';
import { dec, formatMoney } from '../../shared/money';
import { CliUsageError, type CliArgs, type CliCommand } from '../cli/types';

function dateFlag(args: CliArgs, name: string): string | undefined {
  const value = args.str(name);
  if (value === undefined) return undefined;
  const date = parseDate(value);
  if (date === null) throw new CliUsageError(`--${name}: kein gültiges Datum (TT.MM.JJJJ oder JJJJ-MM-TT): ${value}`);
  return date;
}

function intFlag(args: CliArgs, name: string, fallback: number): number {
  const n = Number(args.str(name) ?? fallback);
  if (!Number.isInteger(n) || n < 0) throw new CliUsageError(`--${name} muss eine ganze Zahl sein`);
  return n;
}

export const contractCommands: readonly CliCommand[] = [
  {
    name: 'contracts list',
    summary: 'Verträge auflisten (Suche über Vertragsnummer, Kunde)',
    usage: '[--search <Text>] [--limit 50] [--offset 0]',
    async run(args, io) {
      const search = args.str('search');
      const page = await io.call('contracts.list', {
        ...(search ? { search } : {}),
        limit: intFlag(args, 'limit', 50),
        offset: intFlag(args, 'offset', 0),
      });
      for (const r of page.rows) {
        io.print(
          `${r.number.padEnd(10)} ${r.customerName.padEnd(30)} ab ${formatDate(r.startDate)}  alle ${formatInterval(r.interval).padEnd(10)} ${CONTRACT_STATUS_LABELS[r.status]}`,
        );
      }
      io.print(`${page.total} Verträge gesamt`);
      return page;
    },
  },
  {
    name: 'activities generate',
    summary: 'Abo-Leistungen erzeugen (idempotent; Standard: heute)',
    usage: '[--date TT.MM.JJJJ]',
    async run(args, io) {
      const date = dateFlag(args, 'date');
      const result = await io.call('activities.generate', date === undefined ? {} : { date });
      io.print(
        `Leistungen zum ${formatDate(result.date)}: ${result.contracts} Verträge, ${result.created} erzeugt, ${result.removed} ersetzt/entfernt`,
      );
      for (const e of result.errors) io.print(`Fehler bei Vertrag ${e.contractNumber}: ${e.message}`);
      return result;
    },
  },
  {
    name: 'activities list',
    summary: 'Leistungen auflisten (z. B. fällige Lieferungen: --origin SUBSCRIPTION --from --to)',
    usage: '[--origin SUBSCRIPTION|ONE_TIME|PRORATION] [--from DATUM] [--to DATUM] [--contract V-000001] [--billed ja|nein] [--limit 500]',
    async run(args, io) {
      const origin = args.str('origin')?.toUpperCase();
      if (origin !== undefined && !(ACTIVITY_ORIGINS as readonly string[]).includes(origin)) {
        throw new CliUsageError('--origin muss SUBSCRIPTION, ONE_TIME oder PRORATION sein');
      }
      const billedFlag = args.str('billed')?.toLowerCase();
      if (billedFlag !== undefined && !['ja', 'nein', 'yes', 'no', 'true', 'false'].includes(billedFlag)) {
        throw new CliUsageError('--billed muss ja oder nein sein');
      }
      const from = dateFlag(args, 'from');
      const to = dateFlag(args, 'to');
      const contractNumber = args.str('contract');
      const page = await io.call('activities.list', {
        ...(origin === undefined ? {} : { origin: origin as ActivityOriginCode }),
        ...(from === undefined ? {} : { from }),
        ...(to === undefined ? {} : { to }),
        ...(contractNumber === undefined ? {} : { contractNumber }),
        ...(billedFlag === undefined ? {} : { billed: ['ja', 'yes', 'true'].includes(billedFlag) }),
        limit: Math.min(500, intFlag(args, 'limit', 500)),
        offset: intFlag(args, 'offset', 0),
      });
      for (const r of page.rows) {
        io.print(
          `${formatDate(r.dueDate)}  ${r.contractNumber.padEnd(10)} ${r.customerName.padEnd(25)} ${r.articleName.padEnd(20)} ${formatPeriod(r.periodStart, r.periodEnd).padEnd(24)} ${formatMoney(dec(r.net), r.currency).padStart(14)}`,
        );
      }
      io.print(`${page.total} Leistungen`);
      return page;
    },
  },
];
