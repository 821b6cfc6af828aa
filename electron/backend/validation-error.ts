import type { z } from 'zod';
import { AppError } from '../../shared/errors';

/** A zod failure as an AppError: one message for people, one issue per field. */
export function validationError(error: z.ZodError): AppError {
  const issues = error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
  const first = issues[0];
  const message =
    issues.length === 1 && first
      ? first.path
        ? `${first.path}: ${first.message}`
        : first.message
      : `${issues.length} fields need attention: ${issues.map((i) => i.path || 'input').join(', ')}.`;
  return new AppError('validation', message, { issues });
}
