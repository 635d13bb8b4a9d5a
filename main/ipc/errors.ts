// Maps anything a handler throws to the AppError data that crosses the boundary.
import type { ZodError } from 'zod';
import { AppError, type AppErrorData } from '../../shared/errors';
import { fieldLabel } from './field-labels';

export function validationError(error: ZodError, what = 'Eingaben'): AppError {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.') || '_';
    fields[path] ??= issue.message;
  }
  return new AppError('VALIDATION', `${what} ungültig – ${summaryOf(error.issues[0])}`, { fields });
}

/** The first problem in words: the message, after the field's German name unless it names it already. */
function summaryOf(issue: ZodError['issues'][number] | undefined): string {
  if (issue === undefined) return 'ungültig';
  const label = fieldLabel(issue.path);
  const fieldName = label?.replace(/ \(Zeile \d+\)$/, '');
  if (label === null || fieldName === undefined) return issue.message;
  return issue.message.startsWith(fieldName) && label === fieldName ? issue.message : `${label}: ${issue.message}`;
}

interface SqliteLikeError {
  code?: unknown;
  message?: unknown;
  driverError?: { code?: unknown; message?: unknown };
}

export function toAppErrorData(error: unknown): AppErrorData {
  if (error instanceof AppError) return error.toData();
  const e = (error ?? {}) as SqliteLikeError;
  const code = String(e.driverError?.code ?? e.code ?? '');
  const message = String(e.driverError?.message ?? e.message ?? '');
  // Triggers guard issued documents, ledger entries and the audit log with RAISE(ABORT, …).
  if (code === 'SQLITE_CONSTRAINT_TRIGGER') return { code: 'IMMUTABLE', message };
  // Services check what a user can get wrong first; this is the last guard, in German, naming the column.
  if (code.startsWith('SQLITE_CONSTRAINT')) {
    const column = /(?:UNIQUE|NOT NULL|CHECK) constraint failed: (\S+)/.exec(message)?.[1];
    return { code: 'CONFLICT', message: `Datenkonflikt: Die Änderung verletzt eine Regel der Firmendatei${column ? ` (${column})` : ''} und wurde nicht gespeichert.` };
  }
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return { code: 'BUSY', message: 'Die Firmendatei ist gerade durch einen anderen Vorgang gesperrt. Bitte erneut versuchen.' };
  }
  // A file that is damaged or cannot be opened: SQLite's English text would mean nothing to the user.
  if (code.startsWith('SQLITE_CORRUPT')) {
    return { code: 'INTEGRITY', message: 'Die Firmendatei ist beschädigt und kann nicht gelesen werden. Der Vorgang wurde nicht ausgeführt.' };
  }
  if (code === 'SQLITE_NOTADB') return { code: 'VALIDATION', message: 'Die Datei ist keine Abowerk-Firmendatei.' };
  if (code.startsWith('SQLITE_CANTOPEN')) {
    return { code: 'NOT_FOUND', message: 'Die Firmendatei kann nicht geöffnet werden (Datei oder Ordner fehlt, oder es fehlen die Rechte).' };
  }
  return { code: 'INTERNAL', message: 'Interner Fehler. Der Vorgang wurde nicht ausgeführt.' };
}
