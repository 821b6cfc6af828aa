import { AppError } from '../../../shared/errors';

/** A sentence a person can act on, for any failure a call can end with. */
export function messageOf(error: unknown): string {
  if (error instanceof AppError) return error.message;
  return 'Something went wrong. Try again; if it keeps happening, restart Consent Desk.';
}
