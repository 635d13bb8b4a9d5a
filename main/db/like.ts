// LIKE patterns for what a user typed: pure, so rules and services of every area can use them.

/** The % and _ a user types match only themselves in a LIKE pattern (use with ESCAPE '\'). */
function likeLiteral(term: string): string {
  return term.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

/** A LIKE pattern for text that contains term (use with ESCAPE '\'). */
export function likeContaining(term: string): string {
  return `%${likeLiteral(term)}%`;
}

/** A LIKE pattern for text that starts with term (use with ESCAPE '\'). */
export function likeStartingWith(term: string): string {
  return `${likeLiteral(term)}%`;
}
