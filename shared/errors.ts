/**
 * The one error type of Consent Desk. Every failure that crosses a boundary
 * (IPC, HTTP, the CLI) is an AppError with a code and a sentence for people;
 * stack traces never leave the process that produced them.
 */
export const errorCodes = [
  'validation',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'locked',
  'throttled',
  'store_missing',
  'store_damaged',
  'store_too_new',
  'internal',
  /** The disk is full, read-only, or the folder may not be written: nothing was saved. */
  'storage_unavailable',
  /** The store is older than the one last seen here (a file or folder put back): refused until an administrator accepts it. */
  'store_rolled_back',
  /** The practice's PostgreSQL server cannot be reached (network, server down, connection lost mid-transaction): nothing was saved. */
  'server_unreachable',
  /** The server that answered could not prove it is the practice's (certificate not signed by the practice's CA, for another name, or out of date): nothing was sent. */
  'server_untrusted',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export interface FieldIssue {
  /** Dotted path of the offending field, e.g. "password" or "roles.0". */
  path: string;
  message: string;
}

/** The serialisable shape of an error as it crosses a boundary. */
export interface AppErrorData {
  code: ErrorCode;
  message: string;
  issues?: FieldIssue[];
  /** For `throttled`: seconds until the next attempt is allowed. */
  retryAfterSeconds?: number;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly issues: FieldIssue[] | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(code: ErrorCode, message: string, extra: Omit<AppErrorData, 'code' | 'message'> = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.issues = extra.issues;
    this.retryAfterSeconds = extra.retryAfterSeconds;
  }

  toData(): AppErrorData {
    const data: AppErrorData = { code: this.code, message: this.message };
    if (this.issues) data.issues = this.issues;
    if (this.retryAfterSeconds !== undefined) data.retryAfterSeconds = this.retryAfterSeconds;
    return data;
  }

  static fromData(data: AppErrorData): AppError {
    const { code, message, ...extra } = data;
    return new AppError(code, message, extra);
  }
}

/** What every contract call returns across a transport: a value or an error, never a throw. */
export type CallResult<T> = { ok: true; value: T } | { ok: false; error: AppErrorData };

export function isAppErrorData(value: unknown): value is AppErrorData {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.message === 'string' &&
    typeof v.code === 'string' &&
    (errorCodes as readonly string[]).includes(v.code)
  );
}
