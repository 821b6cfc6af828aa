import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { staffLanguages, themeChoices, type StaffLanguage, type ThemeChoice } from '../../../shared/staff-preferences';
import { useChangePreferences } from '../features/account/use-preferences';
import './account-menu.css';

/**
 * The account menu in the header: language and theme (kept for this staff
 * member), and the way to My account. A disclosure, not an ARIA menu: it
 * holds form controls, which a menu may not.
 */
export function AccountMenu() {
  const { t } = useTranslation(['shell', 'common']);
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const { language, theme, change, problem } = useChangePreferences();

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!panelRef.current?.contains(target) && !buttonRef.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);

  return (
    <div className="account-menu">
      <button
        ref={buttonRef}
        type="button"
        className="button button-header"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((was) => !was)}
      >
        {t('accountMenu.button')}
      </button>
      <div ref={panelRef} id={panelId} className="account-menu-panel" role="group" aria-label={t('accountMenu.label')} hidden={!open}>
        <label className="field-label" htmlFor={`${panelId}-language`}>
          {t('accountMenu.language')}
        </label>
        <select
          id={`${panelId}-language`}
          className="field-input field-select"
          value={language}
          onChange={(event) => void change({ language: event.target.value as StaffLanguage })}
        >
          {staffLanguages.map((code) => (
            // Each language is named in itself, so a person who cannot read the current one finds theirs.
            <option key={code} value={code} lang={code}>
              {t(`common:language.${code}`, { lng: code })}
            </option>
          ))}
        </select>
        <label className="field-label" htmlFor={`${panelId}-theme`}>
          {t('accountMenu.theme')}
        </label>
        <select
          id={`${panelId}-theme`}
          className="field-input field-select"
          value={theme}
          onChange={(event) => void change({ theme: event.target.value as ThemeChoice })}
        >
          {themeChoices.map((choice) => (
            <option key={choice} value={choice}>
              {t(`accountMenu.themes.${choice}`)}
            </option>
          ))}
        </select>
        {problem ? (
          <p role="alert" className="account-menu-problem">
            {t('accountMenu.saveFailed', { message: problem })}
          </p>
        ) : null}
        <a href="#/account" onClick={() => setOpen(false)}>
          {t('accountMenu.myAccount')}
        </a>
      </div>
    </div>
  );
}
