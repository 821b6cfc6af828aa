import { useTranslation } from 'react-i18next';
import type { ReactNode } from 'react';
import './buttons.css';

/**
 * A form's submit button. While the call runs it stays focusable (a disabled
 * button would drop the keyboard focus) but refuses a second submit, and a
 * hidden status tells screen readers that work is under way.
 */
export function SubmitButton({ busy, children, variant = 'primary' }: { busy: boolean; children: ReactNode; variant?: 'primary' | 'danger' }) {
  const { t } = useTranslation(['components', 'common']);
  return (
    <>
      <button
        type="submit"
        className={`button button-${variant}${busy ? ' button-busy' : ''}`}
        aria-disabled={busy || undefined}
        onClick={(event) => {
          if (busy) event.preventDefault();
        }}
      >
        {children}
      </button>
      <span role="status" className="visually-hidden">
        {busy ? t('submitButton.workingPleaseWait') : ''}
      </span>
    </>
  );
}
