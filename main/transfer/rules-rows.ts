// Row conversion and validation (pure, shared by the three targets): each mapped cell is
// converted by its field type (strict German decimals, TT.MM.JJJJ dates, ja/nein, enums),
// then the target's own rules run. Every problem becomes a German per-field message.
import type { FieldMessage, ImportFieldDef } from '../../shared/api/transfer';
import { parseDate } from '../../shared/dates';
import { parseDecimal } from '../../shared/money';
import { normalizeHeader } from './rules-mapping';

export type CellValue = string | number | boolean | null;

const TRUE_WORDS = new Set(['ja', 'j', 'yes', 'y', 'true', 'wahr', '1', 'x']);
const FALSE_WORDS = new Set(['nein', 'n', 'no', 'false', 'falsch', '0', '']);

export function fieldMessage(field: ImportFieldDef | { key: string; label: string }, message: string): FieldMessage {
  return { field: field.key, label: field.label, message };
}

/** Converts one cell; an empty cell is null (a required field reports it). */
export function convertCell(field: ImportFieldDef, raw: string): { value: CellValue } | { error: string } {
  const s = raw.trim();
  if (s === '') return field.required ? { error: `${field.label} ist ein Pflichtfeld` } : { value: null };
  switch (field.type) {
    case 'text':
      return { value: s };
    case 'integer': {
      if (!/^[+-]?\d{1,9}$/.test(s)) return { error: `${field.label}: „${s}“ ist keine ganze Zahl` };
      return { value: Number(s) };
    }
    case 'decimal': {
      const d = parseDecimal(s);
      if (d === null) return { error: `${field.label}: „${s}“ ist keine gültige Zahl (z. B. 1.234,56)` };
      return { value: d.toString() };
    }
    case 'date': {
      const d = parseDate(s);
      if (d === null) return { error: `${field.label}: „${s}“ ist kein gültiges Datum (TT.MM.JJJJ)` };
      return { value: d };
    }
    case 'boolean': {
      const w = s.toLowerCase();
      if (TRUE_WORDS.has(w)) return { value: true };
      if (FALSE_WORDS.has(w)) return { value: false };
      return { error: `${field.label}: „${s}“ bitte als ja oder nein angeben` };
    }
    case 'enum': {
      const options = field.options ?? {};
      const code = options[normalizeHeader(s)] ?? Object.values(options).find((v) => v === s || v === s.toUpperCase());
      if (code === undefined) {
        const allowed = [...new Set(Object.keys(options))].slice(0, 6).join(', ');
        return { error: `${field.label}: „${s}“ ist kein erlaubter Wert (z. B. ${allowed})` };
      }
      return { value: code };
    }
  }
}

export interface ConvertedRow {
  readonly values: Record<string, CellValue>;
  readonly messages: FieldMessage[];
}

/** Converts every mapped cell of a row; unmapped fields are absent from values. */
export function convertRow(fields: readonly ImportFieldDef[], cells: Readonly<Record<string, string>>): ConvertedRow {
  const values: Record<string, CellValue> = {};
  const messages: FieldMessage[] = [];
  for (const field of fields) {
    const raw = cells[field.key];
    if (raw === undefined) {
      if (field.required) messages.push(fieldMessage(field, `${field.label} ist ein Pflichtfeld, aber keiner Spalte zugeordnet`));
      continue;
    }
    const result = convertCell(field, raw);
    if ('error' in result) messages.push(fieldMessage(field, result.error));
    else values[field.key] = result.value;
  }
  return { values, messages };
}

/** zod issues → German per-field messages, labelled by the field definitions. */
export function issuesToMessages(
  fields: readonly ImportFieldDef[],
  issues: readonly { readonly path: readonly PropertyKey[]; readonly message: string }[],
): FieldMessage[] {
  return issues.map((issue) => {
    const key = String(issue.path[0] ?? 'row');
    const field = fields.find((f) => f.key === key);
    const label = field?.label ?? 'Zeile';
    return { field: key, label, message: issue.message };
  });
}

/** "Kundennummer: …; IBAN: …" — one line for the error report. */
export function messagesText(messages: readonly FieldMessage[]): string {
  return messages.map((m) => (m.message.startsWith(m.label) ? m.message : `${m.label}: ${m.message}`)).join('; ');
}
