// CLI: datev settings, datev export --from --to --out <dir>, datev exports, datev download.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DatevSummaryDto } from '../../shared/api/datev';
import { ASCII_NOTE, CHARTS } from '../../shared/api/datev';
import { formatDate, parseDate } from '../../shared/dates';
import { dec, formatDecimal } from '../../shared/money';
import { CliUsageError, type CliArgs, type CliCommand, type CliIo } from '../cli/types';

function dateFlag(args: CliArgs, name: string): string {
  const raw = args.str(name, true);
  const d = parseDate(raw);
  if (!d) throw new CliUsageError(`--${name}: „${raw}“ ist kein gültiges Datum (TT.MM.JJJJ)`);
  return d;
}

function printSummary(io: CliIo, s: DatevSummaryDto): void {
  io.print(`Zeitraum ${formatDate(s.from)}–${formatDate(s.to)}${s.onlyNew ? ' (nur neue Buchungen)' : ''}${s.sandbox ? '  [SANDBOX]' : ''}`);
  io.print(`${s.entryCount} Kontobewegungen → ${s.bookingCount} DATEV-Buchungen, ${s.customerCount} Debitoren`);
  for (const [type, n] of Object.entries(s.byType)) io.print(`  ${type.padEnd(20)} ${n}`);
  io.print('Summen je Konto (Soll / Haben):');
  for (const a of s.sums) io.print(`  ${a.account.padEnd(9)} ${formatDecimal(dec(a.debit)).padStart(14)} ${formatDecimal(dec(a.credit)).padStart(14)}`);
  for (const w of s.warnings) io.print(`Warnung: ${w}`);
  for (const e of s.errors) io.print(`Fehler: ${e}`);
}

export const datevCommands: readonly CliCommand[] = [
  {
    name: 'datev settings',
    summary: 'DATEV-Einstellungen anzeigen',
    async run(_args, io) {
      const view = await io.call('datev.settings.get', {});
      const s = view.settings;
      io.print(`Beraternummer ${s.consultantNumber}, Mandantennummer ${s.clientNumber}, ${s.chart}, Sachkontenlänge ${s.accountLength}, WJ-Beginn ${s.fiscalYearStart}`);
      io.print(`Bank ${s.bankAccount}; Erlöskonten: ${Object.entries(s.revenueAccounts).map(([k, v]) => `${k}=${v.account}${v.buKey ? `/${v.buKey}` : ''}`).join(', ')}`);
      if (!view.configured) io.print('Noch nicht gespeichert: datev settings set --consultant <Nr> --client <Nr>');
      io.print(ASCII_NOTE);
      return view;
    },
  },
  {
    name: 'datev settings set',
    summary: 'DATEV-Einstellungen speichern (Kontenrahmen-Vorgaben für nicht genannte Konten)',
    usage: '--consultant <Beraternr.> --client <Mandantennr.> [--chart SKR03|SKR04] [--fiscal-year-start MM-TT] [--bank <Konto>] [--lock]',
    async run(args, io) {
      const current = (await io.call('datev.settings.get', {})).settings;
      const chart = (args.str('chart')?.toUpperCase() ?? current.chart) as (typeof CHARTS)[number];
      if (!CHARTS.includes(chart)) throw new CliUsageError('--chart muss SKR03 oder SKR04 sein');
      const num = (name: string, fallback: number): number => {
        const v = args.str(name);
        if (v === undefined) return fallback;
        if (!/^\d+$/.test(v)) throw new CliUsageError(`--${name} muss eine ganze Zahl sein`);
        return Number(v);
      };
      const view = await io.call('datev.settings.save', {
        settings: {
          ...current,
          chart,
          consultantNumber: num('consultant', current.consultantNumber),
          clientNumber: num('client', current.clientNumber),
          fiscalYearStart: args.str('fiscal-year-start') ?? current.fiscalYearStart,
          bankAccount: args.str('bank') ?? current.bankAccount,
          lockBookings: args.flags.lock === true ? true : current.lockBookings,
        },
      });
      io.print(`DATEV-Einstellungen gespeichert (Berater ${view.settings.consultantNumber}, Mandant ${view.settings.clientNumber}).`);
      return view;
    },
  },
  {
    name: 'datev export',
    summary: 'DATEV-Export (EXTF Buchungsstapel + Debitoren) für einen Zeitraum in einen Ordner schreiben',
    usage: '--from <TT.MM.JJJJ> --to <TT.MM.JJJJ> --out <Ordner> [--only-new] [--yes (erneuten Export bestätigen)] [--dry-run (nur Zusammenfassung)]',
    async run(args, io) {
      const from = dateFlag(args, 'from');
      const to = dateFlag(args, 'to');
      const onlyNew = args.flags['only-new'] === true;
      if (args.flags['dry-run'] === true) {
        const summary = await io.call('datev.preview', { from, to, onlyNew });
        printSummary(io, summary);
        return summary;
      }
      const out = resolve(args.str('out', true));
      const result = await io.call('datev.export', { from, to, onlyNew, confirmReexport: args.flags.yes === true });
      printSummary(io, result.summary);
      mkdirSync(out, { recursive: true });
      for (const f of result.files) {
        const content = await io.call('datev.file', { fileId: f.id });
        writeFileSync(join(out, content.fileName), Buffer.from(content.base64, 'base64'));
        io.print(`geschrieben: ${join(out, content.fileName)} (${f.bookingCount} ${f.kind === 'DEBITOREN' ? 'Debitoren' : 'Buchungen'})`);
      }
      return result;
    },
  },
  {
    name: 'datev exports',
    summary: 'Bisherige DATEV-Exporte auflisten',
    async run(_args, io) {
      const list = await io.call('datev.exports.list', {});
      for (const e of list) {
        io.print(`#${e.id} ${formatDate(e.from)}–${formatDate(e.to)} ${e.bookingCount} Buchungen ${e.onlyNew ? '(nur neue) ' : ''}am ${e.createdAt} von ${e.createdBy}`);
        for (const f of e.files) io.print(`    Datei ${f.id}: ${f.fileName}  SHA-256 ${f.sha256.slice(0, 16)}…`);
      }
      return list;
    },
  },
  {
    name: 'datev download',
    summary: 'Eine frühere DATEV-Datei unverändert erneut speichern',
    usage: '--file <Datei-Nr.> --out <Ordner>',
    async run(args, io) {
      const fileId = Number(args.str('file', true));
      if (!Number.isInteger(fileId) || fileId <= 0) throw new CliUsageError('--file muss eine Dateinummer sein (siehe datev exports)');
      const content = await io.call('datev.file', { fileId });
      const out = resolve(args.str('out', true));
      mkdirSync(out, { recursive: true });
      writeFileSync(join(out, content.fileName), Buffer.from(content.base64, 'base64'));
      io.print(`geschrieben: ${join(out, content.fileName)}`);
      return { fileName: content.fileName, sha256: content.sha256 };
    },
  },
];
