import type { AuditPage } from '../../../../shared/audit';
import { auditActionLabel } from '../../../../shared/audit-actions';
import { TableScroll } from '../../components/TableScroll';

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

type ListedEvent = AuditPage['events'][number];

/** The subject by its name (from the backend); one without a name (or no longer there) by its kind and the start of its id. */
function subjectOf(event: ListedEvent): string {
  if (!event.subjectType) return '';
  if (event.subjectName) return event.subjectName;
  return event.subjectId ? `${event.subjectType} ${event.subjectId.slice(0, 8)}` : event.subjectType;
}

export function AuditTable({ events, total }: { events: ListedEvent[]; total: number }) {
  return (
    <TableScroll label="Audit events">
      <table className="data-table audit-table">
        <caption>
          Audit events, newest first: showing {events.length} of {total}
        </caption>
        <thead>
          <tr>
            <th scope="col">Event</th>
            <th scope="col">Time</th>
            <th scope="col">Who</th>
            <th scope="col">Action</th>
            <th scope="col">Subject</th>
            <th scope="col">Detail</th>
          </tr>
        </thead>
        <tbody>
          {events.length === 0 ? (
            <tr>
              <td colSpan={6}>No events match these filters.</td>
            </tr>
          ) : (
            events.map((event) => (
              <tr key={event.seq}>
                <th scope="row">{event.seq}</th>
                <td className="audit-time">
                  <time dateTime={event.at}>{timeFormat.format(new Date(event.at))}</time>
                </td>
                <td>{event.actorName}</td>
                <td>
                  {auditActionLabel(event.action)}
                  <span className="audit-code monospace">{event.action}</span>
                </td>
                <td>{subjectOf(event)}</td>
                <td className="audit-detail">{event.detail}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </TableScroll>
  );
}
