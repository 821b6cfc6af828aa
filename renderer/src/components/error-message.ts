import { AppError, type FieldIssue } from '../../../shared/errors';
import { currentLanguage, i18n } from '../i18n/i18n';
import { sharedText } from '../i18n/shared-messages';

/**
 * A sentence a person can act on, for any failure a call can end with. The
 * backend writes its sentences in English; other languages get the shared
 * rules' sentence when the catalogue knows it (the error's own, or its one
 * field issue's), else the sentence for the error's code.
 */
export function messageOf(error: unknown): string {
  if (!(error instanceof AppError)) return i18n.t('errors:unknown');
  if (currentLanguage() === 'en') return error.message;
  const own = sharedText(error.message);
  if (own) return own;
  const only = error.code === 'validation' && error.issues?.length === 1 ? sharedText(error.issues[0]!.message) : undefined;
  if (only) return only;
  if (error.code === 'throttled') return i18n.t('errors:codes.throttled', { count: error.retryAfterSeconds ?? 1 });
  return i18n.t(`errors:codes.${error.code}`);
}

/** What to say beside a field the backend refused: the shared rule's sentence in the screen's language, else a general one. */
export function issueMessageOf(issue: FieldIssue): string {
  if (currentLanguage() === 'en') return issue.message;
  return sharedText(issue.message) ?? i18n.t('errors:field');
}
