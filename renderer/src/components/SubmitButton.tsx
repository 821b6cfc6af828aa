import { useTranslation } from 'react-i18next';
import type { ReactNode } from 'react';
import './buttons.css';

/**
 * A form's submit button. While the call runs it stays focusable (a disabled
 * button would drop the keyboard focus) but refuses a second submit, and a
 * hidden status tells screen readers that work is under way.
 */
export function SubmitButton({
  busy,
  children,
  variant = 'primary',
  busyText,
  'aria-describedby': describedBy,
}: {
  busy: boolean;
  children: ReactNode;
  variant?: 'primary' | 'danger';
  /** What the hidden status says while the call runs (patient mode says it in the patient's language). */
  busyText?: string;
  'aria-describedby'?: string;
}) {
  const { t } = useTranslation(['components', 'common']);
  return (
    <>
      <button
        type="submit"
        className={`button button-${variant}${busy ? ' button-busy' : ''}`}
        aria-disabled={busy || undefined}
        aria-describedby={describedBy}
        onClick={(event) => {
          if (busy) event.preventDefault();
        }}
      >
        {children}
      </button>
      <span role="status" className="visually-hidden">
        {busy ? (busyText ?? t('submitButton.workingPleaseWait')) : ''}
      </span>
    </>
  );
}
