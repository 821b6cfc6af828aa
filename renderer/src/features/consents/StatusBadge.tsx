import { statusLabel } from '../../i18n/labels';
import { type AuthorizationStatus } from '../../../../shared/authorization/status';
import '../../components/table.css';
import './consents.css';

/** An authorization's status in words, coloured by what it means for using the content. */
export function StatusBadge({ status }: { status: AuthorizationStatus }) {
  return <span className={`badge status-badge status-${status.replace('_', '-')}`}>{statusLabel(status)}</span>;
}
