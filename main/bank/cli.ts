// CLI: `bank import <Datei>` and `bank match --auto`, through the same router as the app.
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { formatDate } from '../../shared/dates';
import { formatMoney, Decimal } from '../../shared/money';
import { MAX_STATEMENT_BYTES } from './parsers/decode';
import { CliUsageError, type CliCommand } from '../cli/types';

export const bankCommands: readonly CliCommand[] = [
  {
    name: 'bank import',
    summary: 'Kontoauszug einlesen (CAMT.052/053/054, MT940, CSV) und Zahlungen zuordnen',
    usage: '<Datei> [--account <Bankkonto-ID>] [--no-auto] [--mapping <JSON-Spaltenzuordnung für andere CSV-Formate>]',
    async run(args, io) {
      const file = args.positionals[0];
      if (!file) throw new CliUsageError('Datei fehlt: bank import <Datei>');
      // The size is checked before the file is read into memory.
      const size = statSync(file).size;
      if (size > MAX_STATEMENT_BYTES) {
        throw new CliUsageError(`Die Datei ist zu groß (${(size / 1024 / 1024).toFixed(1).replace('.', ',')} MB); höchstens ${MAX_STATEMENT_BYTES / 1024 / 1024} MB.`);
      }
      const account = args.str('account');
      const mappingText = args.str('mapping');
      let mapping: unknown;
      if (mappingText) {
        try {
          mapping = JSON.parse(mappingText) as unknown;
        } catch {
          throw new CliUsageError('--mapping muss JSON sein, z. B. {"columns":{"bookingDate":"Datum","amount":"Betrag","remittance":"Text"}}');
        }
      }
      const result = await io.call('bank.import', {
        fileName: basename(file),
        contentBase64: readFileSync(file).toString('base64'),
        ...(account ? { bankAccountId: Number(account) } : {}),
        ...(mapping ? { mapping: mapping as never } : {}),
        autoBook: args.flags['no-auto'] !== true,
      });
      io.print(`${result.fileName}: ${result.format} (${result.variant}) → Konto ${result.bankAccountName}`);
      io.print(`${result.newCount} neu, ${result.duplicateCount} bereits vorhanden, ${result.rejectedCount} abgelehnt, ${result.autoBooked} automatisch verbucht`);
      for (const w of result.warnings) io.print(`Hinweis: ${w}`);
      return result;
    },
  },
  {
    name: 'bank match',
    summary: 'Offene Zahlungseingänge zuordnen; mit --auto ab der Schwelle automatisch verbuchen',
    usage: '[--auto]',
    async run(args, io) {
      const result = await io.call('bank.match', { auto: args.flags.auto === true });
      io.print(`${result.examined} offene Umsätze geprüft, ${result.suggested} mit Vorschlag, ${result.autoBooked} automatisch verbucht`);
      return result;
    },
  },
  {
    name: 'bank list',
    summary: 'Umsätze auflisten (Standard: offene)',
    usage: '[--state OPEN|BOOKED|IGNORED|ALL] [--limit 50]',
    async run(args, io) {
      const state = (args.str('state') ?? 'OPEN').toUpperCase();
      if (!['OPEN', 'BOOKED', 'IGNORED', 'ALL'].includes(state)) throw new CliUsageError('--state muss OPEN, BOOKED, IGNORED oder ALL sein');
      const page = await io.call('bank.transactions.list', { state: state as 'OPEN', limit: Number(args.str('limit') ?? 50), offset: 0 });
      for (const r of page.rows) {
        const s = r.suggestion ? ` → ${r.suggestion.customerName}: ${r.suggestion.allocations.map((a) => a.invoiceNumber).join(', ')} (${r.suggestion.score})` : '';
        io.print(`${String(r.id).padStart(6)} ${formatDate(r.bookingDate)} ${formatMoney(new Decimal(r.amount), r.currency).padStart(14)} ${(r.counterpartyName ?? '').slice(0, 30).padEnd(30)} ${r.remittance.slice(0, 40)}${s}`);
      }
      io.print(`${page.total} Umsätze`);
      return page;
    },
  },
];
