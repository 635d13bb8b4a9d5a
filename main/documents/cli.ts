import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CliCommand } from '../cli/types';

export const documentCommands: readonly CliCommand[] = [
  {
    name: 'documents export',
    summary: 'Archivierten Beleg (PDF) einer Rechnung speichern',
    usage: '--invoice <Rechnungsnummer> --out <Datei.pdf>',
    async run(args, io) {
      const number = args.str('invoice', true);
      const out = resolve(args.str('out', true));
      const pdf = await io.call('documents.pdf', { number });
      writeFileSync(out, Buffer.from(pdf.base64, 'base64'));
      io.print(`${number} gespeichert: ${out} (SHA-256 ${pdf.sha256})`);
      return { invoiceId: pdf.invoiceId, file: out, sha256: pdf.sha256 };
    },
  },
  {
    name: 'documents check',
    summary: 'Belegarchiv prüfen (Prüfsummen aller archivierten PDFs)',
    async run(_args, io) {
      const report = await io.call('documents.checkIntegrity', {});
      io.print(`${report.ok} von ${report.total} Belegen in Ordnung`);
      for (const p of report.problems) io.print(`FEHLER ${p.invoiceNumber}: ${p.message}`);
      return report;
    },
  },
  {
    name: 'documents archive',
    summary: 'Noch nicht archivierte Belege erzeugen und archivieren',
    async run(_args, io) {
      const result = await io.call('documents.archivePending', {});
      io.print(`${result.archived} Belege archiviert${result.failed > 0 ? `, ${result.failed} fehlgeschlagen` : ''}`);
      return result;
    },
  },
];
