// poppler-utils helpers: text of a PDF (per page), page count and PNG snapshots for review.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

const work = mkdtempSync(join(tmpdir(), 'abowerk-pdf-'));
let seq = 0;

function toFile(pdf: Uint8Array): string {
  const file = join(work, `doc-${++seq}.pdf`);
  writeFileSync(file, pdf);
  return file;
}

/** Text in reading order with NBSPs as spaces; page `n` only when given. */
export function pdfText(pdf: Uint8Array, page?: number): string {
  const range = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
  return execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', ...range, toFile(pdf), '-'], { encoding: 'utf8' }).replace(/\u00a0/g, ' ');
}

export function pdfPages(pdf: Uint8Array): number {
  const info = execFileSync('pdfinfo', [toFile(pdf)], { encoding: 'utf8' });
  const m = /^Pages:\s+(\d+)/m.exec(info);
  if (!m) throw new Error('pdfinfo: keine Seitenzahl');
  return Number(m[1]);
}

export const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'documents');

/** First page as PNG into test-artifacts/documents/<name>.png, for a person to look at. */
export function snapshotPng(pdf: Uint8Array, name: string, page = 1): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  const prefix = join(ARTIFACTS, name);
  execFileSync('pdftoppm', ['-png', '-r', '90', '-f', String(page), '-l', String(page), '-singlefile', toFile(pdf), prefix]);
  return `${prefix}.png`;
}

/** Texts drawn rotated (the sandbox watermark), which pdftotext cannot read back. */
export async function rotatedTexts(pdf: Uint8Array): Promise<string[]> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false }).promise;
  const found: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    for (const item of content.items) {
      if ('str' in item && item.str.trim() !== '' && Math.abs(item.transform[1] as number) > 0.01) found.push(item.str);
    }
  }
  await doc.destroy();
  return found;
}

/**
 * Reads a QR code back from a rendered page: poppler rasterizes it, jsQR decodes the pixels.
 * Null when no code is found.
 */
export function readQrCode(pdf: Uint8Array, page = 1): string | null {
  const prefix = join(work, `qr-${++seq}`);
  execFileSync('pdftoppm', ['-png', '-r', '200', '-f', String(page), '-l', String(page), '-singlefile', toFile(pdf), prefix]);
  const png = PNG.sync.read(readFileSync(`${prefix}.png`));
  return jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height)?.data ?? null;
}
