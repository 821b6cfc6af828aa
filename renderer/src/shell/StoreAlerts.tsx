import { useAppState } from '../features/session/app-state-context';

/**
 * Problems an administrator must see at once (a scheduled backup that failed
 * its check, a key file changed outside the app): shown above every page
 * until the cause is dealt with.
 */
export function StoreAlerts() {
  const { state } = useAppState();
  const alerts = state.alerts ?? [];
  if (alerts.length === 0) return null;
  return (
    <section className="store-alerts" aria-label="Store alerts">
      {alerts.map((alert) => (
        <p key={alert.kind} role="alert" className="form-alert">
          {alert.message} <span className="store-alert-time">({new Date(alert.at).toLocaleString()})</span>
        </p>
      ))}
    </section>
  );
}
