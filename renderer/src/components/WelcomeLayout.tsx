import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { staffLanguages, type StaffLanguage } from '../../../shared/staff-preferences';
import { applyLanguage, currentLanguage } from '../i18n/i18n';
import './welcome-layout.css';

/**
 * The frame of the screens shown before anyone is signed in: setup, sign-in,
 * the recovery key. Its language switch sets this workstation's language;
 * a staff member's own choice takes over once they sign in.
 */
export function WelcomeLayout({ children, practiceName }: { children: ReactNode; practiceName?: string | null }) {
  const { t } = useTranslation(['session', 'common']);
  const languageId = useId();
  return (
    <div className="welcome">
      <header className="welcome-brand">
        <p className="welcome-product">{t('common:productName')}</p>
        {practiceName ? <p className="welcome-practice">{practiceName}</p> : null}
        <div className="welcome-language">
          <label htmlFor={languageId}>{t('signInScreen.language')}</label>{' '}
          <select id={languageId} className="field-input field-select" value={currentLanguage()} onChange={(event) => applyLanguage(event.target.value as StaffLanguage)}>
            {staffLanguages.map((code) => (
              <option key={code} value={code} lang={code}>
                {t(`common:language.${code}`, { lng: code })}
              </option>
            ))}
          </select>
        </div>
      </header>
      <main className="welcome-main">
        <div className="card welcome-card">{children}</div>
      </main>
    </div>
  );
}
