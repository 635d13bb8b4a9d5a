// Maps anything a handler throws to the AppError data that crosses the boundary.
import type { ZodError } from 'zod';
import { AppError, type AppErrorData } from '../../shared/errors';

export function validationError(error: ZodError, what = 'Eingaben'): AppError {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.') || '_';
    fields[path] ??= issue.message;
  }
  const first = Object.entries(fields)[0];
  const summary = first ? (first[0] === '_' ? first[1] : `${first[0]}: ${first[1]}`) : 'ungültig';
  return new AppError('VALIDATION', `${what} ungültig – ${summary}`, { fields });
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
  if (code.startsWith('SQLITE_CONSTRAINT')) return { code: 'CONFLICT', message: `Datenkonflikt: ${message}` };
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return { code: 'BUSY', message: 'Die Firmendatei ist gerade durch einen anderen Vorgang gesperrt. Bitte erneut versuchen.' };
  }
  return { code: 'INTERNAL', message: 'Interner Fehler. Der Vorgang wurde nicht ausgeführt.' };
}
