import { useTranslation } from 'react-i18next';
import type { ReactNode } from 'react';

export function describedByOf(id: string, hint: ReactNode, error: string | undefined): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

/** A field's hint and error, with the ids its control points at with aria-describedby. */
export function FieldMessages({ id, hint, error }: { id: string; hint?: ReactNode; error?: string | undefined }) {
  const { t } = useTranslation(['components', 'common']);
  return (
    <>
      {hint ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field-error">
          <span className="visually-hidden">{t('fieldMessages.error')} </span>
          {error}
        </p>
      ) : null}
    </>
  );
}
