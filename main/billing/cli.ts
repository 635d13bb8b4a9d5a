import { formatDate, parseDate } from '../../shared/dates';
import { dec, formatMoney } from '../../shared/money';
import { INVOICE_STATUS_LABELS, INVOICE_STATUSES, type BillingRunDto } from '../../shared/api/billing';
import { CliUsageError, type CliArgs, type CliCommand, type CliIo } from '../cli/types';

function dateArg(args: CliArgs, name: string, required: boolean): string | undefined {
  const value = args.str(name);
  if (value === undefined) {
    if (required) throw new CliUsageError(`--${name} fehlt (TT.MM.JJJJ oder JJJJ-MM-TT)`);
    return undefined;
  }
  const date = parseDate(value);
  if (date === null) throw new CliUsageError(`--${name}: kein gültiges Datum (${value})`);
  return date;
}

function printRun(io: CliIo, run: BillingRunDto): void {
  io.print(`Rechnungslauf ${run.id} vom ${formatDate(run.runDate)}: ${run.contractsSeen} Verträge, ${run.invoicesCreated} Rechnungen`);
  io.print(`Summe netto ${formatMoney(dec(run.net))}, Steuer ${formatMoney(dec(run.tax))}, brutto ${formatMoney(dec(run.gross))}`);
  for (const e of run.errors) io.print(`Übersprungen: Vertrag ${e.contractNumber} (${e.customerName}): ${e.reason}`);
}

export const billingCommands: readonly CliCommand[] = [
  {
    name: 'billing run',
    summary: 'Rechnungslauf für ein Datum (idempotent)',
    usage: '--date <TT.MM.JJJJ>',
    async run(args, io) {
      const run = await io.call('billing.run', { date: dateArg(args, 'date', true) as string });
      printRun(io, run);
      return run;
    },
  },
  {
    name: 'billing interim',
    summary: 'Zwischenabrechnung für einen Vertrag',
    usage: '--contract <ID> [--date <TT.MM.JJJJ>]',
    async run(args, io) {
      const contractId = Number(args.str('contract'));
      if (!Number.isInteger(contractId) || contractId <= 0) throw new CliUsageError('--contract <ID> fehlt');
      const date = dateArg(args, 'date', false);
      const run = await io.call('billing.interim', { contractId, ...(date ? { date } : {}) });
      printRun(io, run);
      return run;
    },
  },
  {
    name: 'invoices list',
    summary: 'Rechnungen auflisten',
    usage: '[--number <Text>] [--customer <Text>] [--status OPEN|PARTIALLY_PAID|PAID|CANCELLED] [--from --to <Datum>] [--limit 50]',
    async run(args, io) {
      const status = args.str('status')?.toUpperCase();
      if (status !== undefined && !(INVOICE_STATUSES as readonly string[]).includes(status)) throw new CliUsageError(`--status: ${INVOICE_STATUSES.join(', ')}`);
      const from = dateArg(args, 'from', false);
      const to = dateArg(args, 'to', false);
      const page = await io.call('invoices.list', {
        ...(args.str('number') ? { number: args.str('number') } : {}),
        ...(args.str('customer') ? { customer: args.str('customer') } : {}),
        ...(status ? { status: status as (typeof INVOICE_STATUSES)[number] } : {}),
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
        limit: Number(args.str('limit') ?? 50),
      });
      for (const r of page.rows) {
        io.print(`${r.number.padEnd(16)} ${formatDate(r.issueDate)} ${r.customerName.padEnd(30)} ${formatMoney(dec(r.gross), r.currency).padStart(14)} ${INVOICE_STATUS_LABELS[r.status]}`);
      }
      io.print(`${page.total} Belege gesamt`);
      return page;
    },
  },
  {
    name: 'invoices cancel',
    summary: 'Rechnung stornieren (Stornorechnung mit eigener Nummer)',
    usage: '--id <ID> [--date <TT.MM.JJJJ>]',
    async run(args, io) {
      const id = Number(args.str('id'));
      if (!Number.isInteger(id) || id <= 0) throw new CliUsageError('--id <ID> fehlt');
      const date = dateArg(args, 'date', false);
      const storno = await io.call('invoices.cancel', { id, ...(date ? { date } : {}) });
      io.print(`Stornorechnung ${storno.number} zu ${storno.refersTo?.number ?? ''} erstellt (${formatMoney(dec(storno.gross), storno.currency)})`);
      return storno;
    },
  },
];
