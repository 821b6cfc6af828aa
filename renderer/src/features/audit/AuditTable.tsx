import { auditActionLabel, channelName } from '../../i18n/labels';
import { useTranslation } from 'react-i18next';
import type { AuditPage } from '../../../../shared/audit';
import { TableScroll } from '../../components/TableScroll';
import { formatPreciseMoment } from '../../i18n/format';


type ListedEvent = AuditPage['events'][number];

/** The subject by its name, worded from the backend's parts; one without a name (or no longer there) by its kind and the start of its id. */
function useSubjectOf(): (event: ListedEvent) => string {
  const { t, i18n } = useTranslation('audit');
  return (event) => {
    const s = event.subject;
    if (s) {
      switch (s.kind) {
        case 'patient':
          return s.name;
        case 'staff':
          return t('auditTable.subjects.staff', { name: s.name, username: s.username });
        case 'authorization':
          return t('auditTable.subjects.authorization', { patient: s.patientName });
        case 'post':
          return t('auditTable.subjects.post', { channel: channelName(s.channel), patient: s.patientName });
        case 'testimonial':
          return t('auditTable.subjects.testimonial', { title: s.title });
        case 'preset':
          return t('auditTable.subjects.preset', { name: s.name });
      }
    }
    if (!event.subjectType) return '';
    const kindKey = `audit:auditTable.subjectKinds.${event.subjectType}`;
    const kind = i18n.exists(kindKey) ? String(t(kindKey as 'auditTable.subjectKinds.post')) : event.subjectType;
    return event.subjectId ? `${kind} ${event.subjectId.slice(0, 8)}` : kind;
  };
}

export function AuditTable({ events, total }: { events: ListedEvent[]; total: number }) {
  const { t } = useTranslation(['audit', 'common']);
  const subjectOf = useSubjectOf();
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
                <td>{subjectOf(event)}</td>
                {/* The detail is the trail's own record, written once in English and chained; marked so screen readers pronounce it as English. */}
                <td className="audit-detail" lang="en">
                  {event.detail}
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </TableScroll>
  );
}
