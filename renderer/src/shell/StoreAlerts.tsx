import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../i18n/i18n';
import { formatMoment } from '../i18n/format';
import { useAppState } from '../features/session/app-state-context';

/**
 * Problems an administrator must see at once (a scheduled backup that failed
 * its check, a key file changed outside the app): shown above every page
 * until the cause is dealt with. The backend writes the details in English;
 * other languages lead with the sentence for the alert's kind.
 */
export function StoreAlerts() {
  const { t } = useTranslation('shell');
  const { state } = useAppState();
  const alerts = state.alerts ?? [];
  if (alerts.length === 0) return null;
  const english = currentLanguage() === 'en';
  return (
    <section className="store-alerts" aria-label={t('storeAlerts')}>
      {alerts.map((alert) => (
        <p key={alert.kind} role="alert" className="form-alert">
          {english ? alert.message : t(`storeAlertKinds.${alert.kind}`)} <span className="store-alert-time">({formatMoment(alert.at)})</span>
          {english ? null : (
            <small lang="en">
              {' '}
              {t('storeAlertDetails')}: {alert.message}
            </small>
          )}
        </p>
      ))}
    </section>
  );
}
