// Turns a wire Outcome (from IPC or HTTP) into a value or a thrown WinnowError, so every caller sees one error type.
import { ERROR_CODES, WinnowError, type ErrorCode, type Outcome } from '../../../src/api/contract';

function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && (ERROR_CODES as readonly string[]).includes(code);
}

export function isOutcome(value: unknown): value is Outcome<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  const v = value as { ok: unknown; error?: unknown };
  if (v.ok === true) return 'value' in v;
  return v.ok === false && typeof v.error === 'object' && v.error !== null;
}

/** Returns the value of a successful outcome; throws the engine's error (as a WinnowError) otherwise. */
export function unwrapOutcome<T>(value: unknown): T {
  if (!isOutcome(value)) throw new WinnowError('INTERNAL', 'The engine sent an answer Winnow could not read.');
  if (value.ok) return value.value as T;
  const e = value.error as { code?: unknown; message?: unknown; details?: Record<string, unknown> };
  const message = typeof e.message === 'string' && e.message.length > 0 ? e.message : 'Something went wrong.';
  return throwError(isErrorCode(e.code) ? e.code : 'INTERNAL', message, e.details);
}

function throwError(code: ErrorCode, message: string, details: Record<string, unknown> | undefined): never {
  throw WinnowError.from(details === undefined ? { code, message } : { code, message, details });
}

/** Wraps anything thrown (network failure, bridge failure) into a WinnowError with words a user can act on. */
export function toWinnowError(err: unknown, fallback = 'Winnow could not reach its engine.'): WinnowError {
  if (err instanceof WinnowError) return err;
  const detail = err instanceof Error ? err.message : String(err);
  return new WinnowError('INTERNAL', fallback, { cause: detail });
}
