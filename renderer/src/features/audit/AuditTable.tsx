import { auditActionLabel } from '../../i18n/labels';
import { useTranslation } from 'react-i18next';
import type { AuditPage } from '../../../../shared/audit';
import { TableScroll } from '../../components/TableScroll';
import { formatPreciseMoment } from '../../i18n/format';


type ListedEvent = AuditPage['events'][number];

/** The subject by its name (from the backend); one without a name (or no longer there) by its kind and the start of its id. */
function subjectOf(event: ListedEvent): string {
  if (!event.subjectType) return '';
  if (event.subjectName) return event.subjectName;
  return event.subjectId ? `${event.subjectType} ${event.subjectId.slice(0, 8)}` : event.subjectType;
}

export function AuditTable({ events, total }: { events: ListedEvent[]; total: number }) {
  const { t } = useTranslation(['audit', 'common']);
  return (
    <TableScroll label={t('auditTable.auditEvents')}>
      <table className="data-table audit-table">
        <caption>
          {t('auditTable.auditEventsNewestFirstShowing')} {events.length} {t('auditTable.of')} {total}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('auditTable.event')}</th>
            <th scope="col">{t('auditTable.time')}</th>
            <th scope="col">{t('auditTable.who')}</th>
            <th scope="col">{t('auditTable.action')}</th>
            <th scope="col">{t('auditTable.subject')}</th>
            <th scope="col">{t('auditTable.detail')}</th>
          </tr>
        </thead>
        <tbody>
          {events.length === 0 ? (
            <tr>
              <td colSpan={6}>{t('auditTable.noEventsMatchTheseFilters')}</td>
            </tr>
          ) : (
            events.map((event) => (
              <tr key={event.seq}>
                <th scope="row">{event.seq}</th>
                <td className="audit-time">
                  <time dateTime={event.at}>{formatPreciseMoment(event.at)}</time>
                </td>
                <td>{event.actorName}</td>
                <td>
                  {auditActionLabel(event.action)}
                  <span className="audit-code monospace">{event.action}</span>
                </td>
                {/* The backend names subjects in English ("Post on Facebook about …"); marked so screen readers pronounce it as English. */}
                <td lang={event.subjectName ? 'en' : undefined}>{subjectOf(event)}</td>
                <td className="audit-detail">{event.detail}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </TableScroll>
  );
}
