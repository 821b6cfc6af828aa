import { AppError, type FieldIssue } from '../../../shared/errors';
import { currentLanguage, i18n } from '../i18n/i18n';

/**
 * A sentence a person can act on, for any failure a call can end with. The
 * backend writes its sentences in English; other languages get the sentence
 * for the error's code (translated here, by code, never by rewriting the
 * backend's words).
 */
export function messageOf(error: unknown): string {
  if (!(error instanceof AppError)) return i18n.t('errors:unknown');
  if (currentLanguage() === 'en') return error.message;
  if (error.code === 'throttled') return i18n.t('errors:codes.throttled', { count: error.retryAfterSeconds ?? 1 });
  return i18n.t(`errors:codes.${error.code}`);
}

/** What to say beside a field the backend refused. */
export function issueMessageOf(issue: FieldIssue): string {
  return currentLanguage() === 'en' ? issue.message : i18n.t('errors:field');
}
