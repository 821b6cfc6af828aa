import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../../shared/authorization/scope';
import { defaultIdleMinutes, defaultPatientModeIdleMinutes } from '../../../../shared/settings';
import { useApi } from '../../api/api-context';
import { patientModeText } from '../patient-mode/patient-mode-text';
import { useAppState } from './app-state-context';
import { createIdleTimer } from './idle-timer';
import { StillThereDialog } from './StillThereDialog';

const inputEvents = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;
const heartbeatEveryMs = 30_000;
/** How long "Are you still there?" shows before the lock: a patient gets longer to notice it. */
const staffWarningMs = 60_000;
const patientWarningMs = 2 * 60_000;

/**
 * Locks the app after the practice's idle time without input, after asking
 * "Are you still there?", and keeps the backend's idle clock in step with
 * heartbeats while someone works. Rendered only while a staff member is
 * signed in. In patient mode (`patientLanguage` set) it waits the longer
 * patient-mode time and asks in the patient's language.
 */
export function IdleLock({ patientLanguage }: { patientLanguage?: Language }) {
  const api = useApi();
  const { t, i18n } = useTranslation('session');
  const { state, lock } = useAppState();
  const [warning, setWarning] = useState(false);
  const inPatientMode = patientLanguage !== undefined;
  const idleMinutes = inPatientMode
    ? (state.patientModeIdleMinutes ?? defaultPatientModeIdleMinutes)
    : (state.idleMinutes ?? defaultIdleMinutes);

  useEffect(() => {
    const idleMs = idleMinutes * 60_000;
    const timer = createIdleTimer({
      idleMs,
      heartbeatEveryMs,
      warnBeforeMs: Math.min(inPatientMode ? patientWarningMs : staffWarningMs, idleMs / 2),
      now: () => Date.now(),
      schedule: (task, ms) => {
        const id = window.setTimeout(task, ms);
        return () => window.clearTimeout(id);
      },
      onWarn: () => setWarning(true),
      onActiveAgain: () => setWarning(false),
      onIdle: () => lock('idle'),
      onHeartbeat: () => {
        // A refused heartbeat (locked, signed out) is handled by the session guard.
        api['session.heartbeat']({}).catch(() => undefined);
      },
    });
    const onInput = () => timer.activity();
    for (const type of inputEvents) window.addEventListener(type, onInput, { capture: true, passive: true });
    return () => {
      timer.stop();
      setWarning(false);
      for (const type of inputEvents) window.removeEventListener(type, onInput, { capture: true });
    };
  }, [api, lock, idleMinutes, inPatientMode]);

  if (!warning) return null;
  if (patientLanguage) {
    const text = patientModeText[patientLanguage];
    return <StillThereDialog large lang={patientLanguage} words={{ heading: text.stillThereHeading, body: text.stillThereBody, button: text.stillHere }} />;
  }
  return (
    <StillThereDialog
      lang={i18n.language}
      words={{ heading: t('idleLock.stillThereHeading'), body: t('idleLock.stillThereBody'), button: t('idleLock.keepWorking') }}
    />
  );
}
