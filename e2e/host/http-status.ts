import type { ErrorCode } from '../../shared/errors';

/** How the development host reports each error code as an HTTP status; the body carries the AppError. */
export const httpStatusOf: Record<ErrorCode, number> = {
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  locked: 423,
  throttled: 429,
  store_missing: 503,
  store_damaged: 503,
  store_too_new: 503,
  internal: 500,
  storage_unavailable: 507,
  store_rolled_back: 503,
  server_unreachable: 503,
  server_untrusted: 502,
};
