// Customer search as SQL: the one way every list that searches by customer name matches it.
import { searchKey } from '../../shared/search-key';
import { likeStartingWith } from '../db/like';
import { trigramQuery } from './rules';

/**
 * Finds customers (table alias `alias`) by name as the customers list does, for the lists that
 * search by customer: three letters or more anywhere in the name through the trigram index, fewer
 * from the start of the name; both over the folded key, so „öz“ finds „Özdemir“.
 */
export function customerNameMatch(alias: string, term: string): { readonly sql: string; readonly param: string } {
  const key = searchKey(term);
  const fts = trigramQuery(key);
  return fts
    ? { sql: `${alias}.id IN (SELECT rowid FROM customer_search WHERE customer_search MATCH ?)`, param: `name_key : ${fts}` }
    : { sql: `${alias}.name_key LIKE ? ESCAPE '\\'`, param: likeStartingWith(key) };
}
