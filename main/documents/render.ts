// Turns a document definition into PDF bytes with pdfmake, fonts from resources/fonts only:
// the fonts are loaded into pdfmake's virtual file system, and both URL and local file access
// are denied, so a definition can never make the renderer fetch or read anything.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import pdfmake from 'pdfmake';
import { buildInvoiceDefinition, FONT_FAMILY } from './invoice-definition';
import type { InvoiceDocument } from './model';
import type { PdfDocDefinition } from './pdf-types';

const FONT_FILES = {
  normal: 'Roboto-Regular.ttf',
  bold: 'Roboto-Medium.ttf',
  italics: 'Roboto-Italic.ttf',
  bolditalics: 'Roboto-MediumItalic.ttf',
} as const;

/** resources/fonts next to the app: env override, packaged resources, or up from this file. */
export function fontsDir(): string {
  const candidates: string[] = [];
  if (process.env.ABOWERK_FONTS_DIR) candidates.push(process.env.ABOWERK_FONTS_DIR);
  const packaged = (process as { resourcesPath?: string }).resourcesPath;
  if (packaged) candidates.push(join(packaged, 'app.asar', 'resources', 'fonts'), join(packaged, 'resources', 'fonts'));
  for (let dir = __dirname, i = 0; i < 8; i++, dir = dirname(dir)) candidates.push(join(dir, 'resources', 'fonts'));
  candidates.push(join(process.cwd(), 'resources', 'fonts'));
  const found = candidates.find((c) => existsSync(join(c, FONT_FILES.normal)));
  if (!found) throw new Error(`Schriften nicht gefunden (resources/fonts, gesucht in: ${candidates.join(', ')})`);
  return found;
}

let configured = false;

function configure(): void {
  if (configured) return;
  const dir = fontsDir();
  for (const file of Object.values(FONT_FILES)) pdfmake.virtualfs.writeFileSync(file, readFileSync(join(dir, file)));
  pdfmake.setFonts({ [FONT_FAMILY]: { ...FONT_FILES } });
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);
  configured = true;
}

export async function renderDefinition(definition: PdfDocDefinition): Promise<Buffer> {
  configure();
  return pdfmake.createPdf(definition).getBuffer();
}

export async function renderInvoicePdf(doc: InvoiceDocument): Promise<Buffer> {
  return renderDefinition(buildInvoiceDefinition(doc));
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
