// CLI: `export all --format csv|json --out <dir>` (a cron job pulls a nightly export),
// `customers import <file>`, `backup create`, `backup restore <file> --yes`.
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { CSV_SEPARATORS, EXPORT_CSV_ENCODINGS, EXPORT_FORMATS, IMPORT_ENCODINGS, type CsvSeparator, type ImportEncoding } from '../../shared/api/transfer';
import { CliUsageError, type CliCommand } from '../cli/types';
import { checkImportSize } from './rules-decode';

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new CliUsageError(`--${flag} muss eines von ${allowed.join(', ')} sein`);
  return value as T;
}

const separatorFlag = (s: string | undefined): CsvSeparator | undefined =>
  s === undefined ? undefined : oneOf(s === 'tab' ? '\t' : s, CSV_SEPARATORS, 'separator');

export const transferCommands: readonly CliCommand[] = [
  {
    name: 'export all',
    summary: 'Alle Daten exportieren (Kunden, Verträge, Artikel, Rechnungen, Leistungen, Kontobewegungen, Banktransaktionen)',
    usage: '--out <Ordner> [--format csv|json] [--encoding Windows-1252|UTF-8-BOM]',
    async run(args, io) {
      const out = resolve(args.str('out', true));
      const format = oneOf(args.str('format') ?? 'csv', EXPORT_FORMATS, 'format') ?? 'csv';
      const csvEncoding = oneOf(args.str('encoding') ?? 'Windows-1252', EXPORT_CSV_ENCODINGS, 'encoding') ?? 'Windows-1252';
      const result = await io.call('transfer.export', { format, csvEncoding });
      mkdirSync(out, { recursive: true });
      for (const f of result.files) {
        writeFileSync(join(out, f.fileName), Buffer.from(f.base64, 'base64'));
        io.print(`${f.fileName.padEnd(28)} ${String(f.rows).padStart(8)} Zeilen`);
      }
      if (result.absent.length > 0) io.print(`Nicht vorhanden in dieser Firmendatei: ${result.absent.join(', ')}`);
      for (const w of result.warnings) io.print(`Hinweis: ${w}`);
      io.print(`${result.files.length} Dateien nach ${out} geschrieben`);
      return { out, files: result.files.map((f) => ({ fileName: f.fileName, rows: f.rows })), absent: result.absent, warnings: result.warnings };
    },
  },
  {
    name: 'customers import',
    summary: 'Kunden aus einer CSV-Datei importieren (Spalten werden automatisch zugeordnet)',
    usage: '<Datei.csv> [--strict] [--update] [--encoding UTF-8|Windows-1252|ISO-8859-1] [--separator ";"|","|tab] [--profile <Name>] [--report <Fehler.csv>]',
    async run(args, io) {
      const path = args.positionals[0];
      if (!path) throw new CliUsageError('Datei fehlt: customers import <Datei.csv>');
      checkImportSize(statSync(path).size);
      const dataBase64 = readFileSync(path).toString('base64');
      const encoding: ImportEncoding | undefined = oneOf(args.str('encoding'), IMPORT_ENCODINGS, 'encoding');
      const separator = separatorFlag(args.str('separator'));
      const analyzed = await io.call('transfer.analyze', { fileName: basename(path), dataBase64, target: 'customers', encoding, separator });
      let mapping = analyzed.mapping;
      const profileName = args.str('profile');
      if (profileName) {
        const profile = (await io.call('transfer.profiles', { target: 'customers' })).find((p) => p.name === profileName);
        if (!profile) throw new CliUsageError(`Importprofil „${profileName}“ gibt es nicht`);
        mapping = profile.mapping;
      }
      const result = await io.call('transfer.import', {
        fileId: analyzed.fileId,
        target: 'customers',
        encoding: analyzed.encoding,
        separator: analyzed.separator,
        mapping,
        updateExisting: args.flags.update === true,
        strict: args.flags.strict === true,
      });
      const t = result.totals;
      io.print(`${t.rows} Zeilen: ${t.new} neu, ${t.update} aktualisieren, ${t.skip} vorhanden (übersprungen), ${t.invalid} fehlerhaft`);
      if (result.strictRefused) io.print('Strenger Modus: wegen fehlerhafter Zeilen wurde nichts importiert.');
      else io.print(`${result.created} Kunden angelegt, ${result.updated} aktualisiert`);
      if (result.errorReport) {
        const reportPath = resolve(args.str('report') ?? join(process.cwd(), result.errorReport.fileName));
        writeFileSync(reportPath, Buffer.from(result.errorReport.base64, 'base64'));
        io.print(`Fehlerbericht: ${reportPath}`);
      }
      return { ...result, errorReport: result.errorReport ? { fileName: result.errorReport.fileName } : null };
    },
  },
  {
    name: 'backup create',
    summary: 'Datensicherung der geöffneten Firmendatei anlegen (während die App läuft)',
    async run(_args, io) {
      const b = await io.call('transfer.backup', {});
      io.print(`Sicherung angelegt: ${b.path}`);
      return b;
    },
  },
  {
    name: 'backup list',
    summary: 'Datensicherungen der geöffneten Firmendatei auflisten',
    async run(_args, io) {
      const list = await io.call('transfer.backups', {});
      for (const b of list) io.print(`${b.createdAt}  ${b.path}`);
      return list;
    },
  },
  {
    name: 'backup restore',
    summary: 'Firmendatei aus einer Sicherung wiederherstellen (vorher wird der aktuelle Stand gesichert)',
    usage: '<Sicherung.abowerk> --yes',
    async run(args, io) {
      const path = args.positionals[0];
      if (!path) throw new CliUsageError('Sicherung fehlt: backup restore <Datei> --yes');
      if (args.flags.yes !== true) throw new CliUsageError('Die Wiederherstellung ersetzt die Firmendatei. Bitte mit --yes bestätigen.');
      const r = await io.call('transfer.restore', { path: resolve(path), confirm: true });
      io.print(`Wiederhergestellt aus ${r.restoredFrom}; vorheriger Stand gesichert unter ${r.safetyCopy}; Prüfung: ${r.integrity}`);
      return r;
    },
  },
];
