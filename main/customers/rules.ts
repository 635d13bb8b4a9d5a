// Pure customer rules: display name, search keys, debitor account derivation.
import type { CustomerFields } from '../../shared/api/customers';
import { searchKey } from '../../shared/search-key';

export function displayNameOf(c: Pick<CustomerFields, 'kind' | 'companyName' | 'firstName' | 'lastName'>): string {
  if (c.kind === 'COMPANY' && c.companyName) return c.companyName;
  return [c.firstName, c.lastName].filter(Boolean).join(' ') || c.companyName || '';
}

/** The columns every writer of a customer stores beside its fields: the name shown and the keys the list searches and sorts by. */
export function derivedColumns(c: Pick<CustomerFields, 'kind' | 'companyName' | 'firstName' | 'lastName' | 'city'>) {
  const displayName = displayNameOf(c);
  return { displayName, nameKey: searchKey(displayName), cityKey: c.city === null ? null : searchKey(c.city) };
}

/**
 * DATEV personal accounts have one digit more than the G/L accounts: debitors 10000–69999 at
 * account length 4, 100000–699999 at length 5 (a firm with more than 60 000 customers needs those).
 */
export const DEBITOR_RANGES = [
  { base: 10_000, max: 69_999 },
  { base: 100_000, max: 699_999 },
] as const;

/**
 * Hands out debitor accounts no customer has, since DATEV would merge two customers on one:
 * base + the customer number's digits (K00042 → 10042) when that is free, else the highest free
 * account, so the low accounts stay free for the numbers still to come; the longer range only
 * when the short one is full. `isTaken` must also see the accounts handed out before: the
 * allocator remembers how far down every account is taken, so an import does not search again.
 * Null when every account is taken.
 */
export function debitorAllocator(isTaken: (account: string) => boolean): (customerNumber: string) => string | null {
  const allTakenFrom = DEBITOR_RANGES.map((r) => r.max + 1);
  return (customerNumber) => {
    const digits = customerNumber.replace(/\D/g, '');
    for (const [i, range] of DEBITOR_RANGES.entries()) {
      const derived = digits === '' ? NaN : range.base + Number(digits);
      if (derived <= range.max && !isTaken(String(derived))) return String(derived);
      let account = allTakenFrom[i]! - 1;
      while (account >= range.base && isTaken(String(account))) account--;
      allTakenFrom[i] = account + 1;
      if (account >= range.base) return String(account);
    }
    return null;
  };
}

/** FTS5 trigram query for a free-text search; null when the term is too short for trigrams. */
export function trigramQuery(term: string): string | null {
  const t = term.trim();
  if ([...t].length < 3) return null;
  return `"${t.replace(/"/g, '""')}"`;
}
