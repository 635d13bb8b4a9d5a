// Column mapping (pure): header normalisation, automatic mapping of German and English
// titles, and the application of a mapping to a row of cells.
import type { ColumnMapping, ImportFieldDef } from '../../shared/api/transfer';

/** "E-Mail-Adresse" → "emailadresse", "Straße" → "strasse", "Zahlungsziel (Tage)" → "zahlungszieltage". */
export function normalizeHeader(title: string): string {
  return title
    .trim()
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]/g, '');
}

/**
 * Maps each field to the first header that matches one of its aliases (aliases in order of
 * preference, the field's own German label first). A header is used by one field only, and
 * fields earlier in the list win: "Nachname" takes the last name before a bare "Name" could.
 */
export function autoMap(header: readonly string[], fields: readonly ImportFieldDef[]): ColumnMapping {
  const normalized = header.map(normalizeHeader);
  const used = new Set<number>();
  const mapping: Record<string, string | null> = {};
  // First pass: exact label matches (an exported file maps back to itself), then aliases.
  for (const field of fields) mapping[field.key] = null;
  const passes: ((f: ImportFieldDef) => string[])[] = [(f) => [normalizeHeader(f.label)], (f) => [...f.aliases]];
  for (const aliasesOf of passes) {
    for (const field of fields) {
      if (mapping[field.key] !== null) continue;
      for (const alias of aliasesOf(field)) {
        const index = normalized.findIndex((h, i) => h === alias && !used.has(i));
        if (index >= 0) {
          used.add(index);
          mapping[field.key] = header[index] ?? null;
          break;
        }
      }
    }
  }
  return mapping;
}

export interface ResolvedMapping {
  /** Field key → column index. */
  readonly columns: ReadonlyMap<string, number>;
  /** Mapped titles that are not in the file (a profile from another file). */
  readonly missing: readonly string[];
}

/** Resolves titles to column indexes; a title that occurs twice maps to its first column. */
export function resolveMapping(header: readonly string[], mapping: ColumnMapping): ResolvedMapping {
  const columns = new Map<string, number>();
  const missing: string[] = [];
  for (const [key, title] of Object.entries(mapping)) {
    if (title === null || title === '') continue;
    const index = header.indexOf(title);
    if (index < 0) missing.push(title);
    else columns.set(key, index);
  }
  return { columns, missing };
}

/**
 * The cell of each mapped field. A leading apostrophe that our own export put in front of
 * = + - @ (CSV-injection neutralisation) is removed again, so an export imports unchanged.
 */
export function cellsOf(row: readonly string[], columns: ReadonlyMap<string, number>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, index] of columns) {
    const raw = row[index] ?? '';
    values[key] = /^'+[=+\-@\t\r]/.test(raw) ? raw.slice(1) : raw;
  }
  return values;
}
