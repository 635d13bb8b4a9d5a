// The one folding rule behind list search and sorting of names (customers, articles):
// SQLite's LIKE and NOCASE fold ASCII only, so „öz“ missed „Özdemir“ and „Ärztehaus“ sorted after „Zander“.

/**
 * DIN 5007-1 (dictionary order): lower case, umlauts and other accented letters as their base
 * letter (ä → a, é → e), ß → ss. Stored beside the name on every write and applied to search terms.
 */
export function searchKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/\p{M}/gu, '');
}
