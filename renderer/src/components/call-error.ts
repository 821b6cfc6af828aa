import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { AppError } from '../../../shared/errors';
import { issueMessageOf, messageOf } from './error-message';

/** A failure to show above a form; `focus` when no field took the focus instead. */
export interface FormProblem {
  message: string;
  focus: boolean;
}

/**
 * Puts a failed call's field issues on the form's fields (the backend names
 * them by the call's input, so `fieldOf` translates), focusing the first,
 * and returns what is left to say above the form. Validation failures whose
 * every issue found its field need no second message.
 */
export function reportCallError<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  fieldOf: Partial<Record<string, Path<T>>>,
): FormProblem | null {
  let focused = false;
  let allPlaced = true;
  const issues = error instanceof AppError ? (error.issues ?? []) : [];
  for (const issue of issues) {
    const field = fieldOf[issue.path];
    if (!field) {
      allPlaced = false;
      continue;
    }
    setError(field, { type: 'server', message: issueMessageOf(issue) }, { shouldFocus: !focused });
    focused = true;
  }
  const code = error instanceof AppError ? error.code : 'internal';
  if (code === 'validation' && issues.length > 0 && allPlaced) return null;
  return { message: messageOf(error), focus: !focused };
}
