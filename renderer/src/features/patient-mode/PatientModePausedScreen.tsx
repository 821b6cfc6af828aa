import { useEffect, useRef, useState } from 'react';
import type { Language } from '../../../../shared/authorization/scope';
import '../../components/buttons.css';
import { SignInScreen } from '../session/SignInScreen';
import { patientModeText } from './patient-mode-text';
import './patient-mode.css';

/**
 * Patient mode paused by the idle lock: a neutral screen in the patient's
 * language that shows nothing of the authorization, and a way for staff
 * to sign in. Patient mode has not ended: the staff member who handed the
 * screen over returns to it where it was.
 */
export function PatientModePausedScreen({ language }: { language: Language }) {
  const [staffSigningIn, setStaffSigningIn] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const text = patientModeText[language];

  useEffect(() => {
    if (!staffSigningIn) heading.current?.focus();
  }, [staffSigningIn]);

  if (staffSigningIn) return <SignInScreen />;
  return (
    <div className="patient-mode patient-mode-paused">
      <main className="patient-mode-main" lang={language}>
        <h1 ref={heading} tabIndex={-1}>
          {text.pausedHeading}
        </h1>
        <p className="patient-paused-body">{text.pausedBody}</p>
        <button type="button" className="button button-secondary patient-paused-staff" onClick={() => setStaffSigningIn(true)}>
          {text.pausedStaffButton}
        </button>
      </main>
    </div>
  );
}
