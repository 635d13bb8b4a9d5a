// Pure customer rules: display name, debitor account derivation.
import type { CustomerFields } from '../../shared/api/customers';

export function displayNameOf(c: Pick<CustomerFields, 'kind' | 'companyName' | 'firstName' | 'lastName'>): string {
  if (c.kind === 'COMPANY' && c.companyName) return c.companyName;
  return [c.firstName, c.lastName].filter(Boolean).join(' ') || c.companyName || '';
}

/** DATEV debitors live in 10000–69999 (account length 4): 10000 + the customer number's digits. */
export const DEBITOR_BASE = 10_000;
export const DEBITOR_MAX = 69_999;

export function deriveDebitorAccount(customerNumber: string, fallbackSequence: number): string {
  const digits = customerNumber.replace(/\D/g, '');
  const n = digits === '' ? NaN : Number(digits);
  const candidate = Number.isFinite(n) ? DEBITOR_BASE + n : NaN;
  if (Number.isFinite(candidate) && candidate <= DEBITOR_MAX) return String(candidate);
  return String(DEBITOR_BASE + (fallbackSequence % (DEBITOR_MAX - DEBITOR_BASE + 1)));
}

/** FTS5 trigram query for a free-text search; null when the term is too short for trigrams. */
export function trigramQuery(term: string): string | null {
  const t = term.trim();
  if ([...t].length < 3) return null;
  return `"${t.replace(/"/g, '""')}"`;
}
