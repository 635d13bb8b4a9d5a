// Flattens a pdfmake definition to the texts it prints, so tests can read a layout like a page.
import type { PdfContent, PdfDocDefinition } from '../../../main/documents/pdf-types';

export function textsOf(content: PdfContent | null | undefined): string[] {
  if (content === null || content === undefined) return [];
  if (typeof content === 'string') return content === '' ? [] : [content];
  if (Array.isArray(content)) return content.flatMap((c: PdfContent) => textsOf(c));
  const node = content as Record<string, unknown>;
  const out: string[] = [];
  if (typeof node.text === 'string' && node.text !== '') out.push(node.text);
  if (Array.isArray(node.text)) out.push(...textsOf(node.text as PdfContent));
  for (const key of ['stack', 'columns', 'ul', 'ol'] as const) {
    if (Array.isArray(node[key])) out.push(...textsOf(node[key] as PdfContent));
  }
  const table = node.table as { body?: PdfContent[][] } | undefined;
  if (table?.body) for (const row of table.body) out.push(...textsOf(row));
  return out;
}

/** Every text of the document: header and footer as on page `page` of `pages`, body, watermark. */
export function documentTexts(def: PdfDocDefinition, page = 1, pages = 1): string[] {
  const watermark = def.watermark && typeof def.watermark.text === 'string' ? [def.watermark.text] : [];
  return [...textsOf(def.header(page, pages)), ...textsOf(def.content), ...textsOf(def.footer(page, pages)), ...watermark];
}

export function joined(def: PdfDocDefinition, page = 1, pages = 1): string {
  return documentTexts(def, page, pages).join('\n').replace(/\u00a0/g, ' ');
}
