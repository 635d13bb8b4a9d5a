// Errors cross every boundary (IPC, web host, CLI) as data: a stable code, a German message
// for the user, and details a screen can use (field errors by path, rows, ids).

export type ErrorCode =
  | 'VALIDATION'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'IMMUTABLE'
  | 'PRICE_NOT_FOUND'
  | 'NO_COMPANY_OPEN'
  | 'UNKNOWN_CHANNEL'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'BUSY'
  | 'CANCELLED'
  | 'INTEGRITY'
  | 'INTERNAL';

export interface AppErrorDetails {
  /** German message per field path, e.g. { iban: 'IBAN ist ungültig (Prüfsumme)' }. */
  readonly fields?: Readonly<Record<string, string>>;
  readonly [key: string]: unknown;
}

export interface AppErrorData {
  readonly code: ErrorCode;
  readonly message: string;
  readonly details?: AppErrorDetails;
}

export class AppError extends Error implements AppErrorData {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: AppErrorDetails,
  ) {
    super(message);
    this.name = 'AppError';
  }

  toData(): AppErrorData {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export function isAppErrorData(value: unknown): value is AppErrorData {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}

/** A field error with the conventional details shape. */
export function fieldError(field: string, message: string): AppError {
  return new AppError('VALIDATION', message, { fields: { [field]: message } });
}

export function notFound(what: string): AppError {
  return new AppError('NOT_FOUND', `${what} wurde nicht gefunden.`);
}

/** The envelope every transport returns. */
export type CallResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: AppErrorData };
