import type { AuditEvent } from '../../../../shared/audit';
import { auditActionLabel } from '../../../../shared/audit-actions';
import { useStaffNames } from './use-staff-names';
import { TableScroll } from '../../components/TableScroll';
import { formatPreciseMoment } from '../../i18n/format';


function subjectOf(event: AuditEvent, staffNames: ReadonlyMap<string, string>): string {
  if (!event.subjectType) return '';
  const name = event.subjectId ? staffNames.get(event.subjectId) : undefined;
  if (name) return name;
  return event.subjectId ? `${event.subjectType} ${event.subjectId.slice(0, 8)}` : event.subjectType;
}

export function AuditTable({ events, total }: { events: AuditEvent[]; total: number }) {
  const staffNames = useStaffNames();
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
                  <time dateTime={event.at}>{formatPreciseMoment(event.at)}</time>
                </td>
                <td>{event.actorName}</td>
                <td>
                  {auditActionLabel(event.action)}
                  <span className="audit-code monospace">{event.action}</span>
                </td>
                <td>{subjectOf(event, staffNames)}</td>
                <td className="audit-detail">{event.detail}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </TableScroll>
  );
}
