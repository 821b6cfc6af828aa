import { useCallback, useState } from 'react';
import type { RetentionRow } from '../../../../shared/compliance/retention';
import { useApi } from '../../api/api-context';
import { CheckboxField } from '../../components/CheckboxField';
import { PageHeading } from '../../components/PageHeading';
import { StatusMessage } from '../../components/StatusMessage';
import { TableScroll } from '../../components/TableScroll';
import { useLoaded } from '../../components/use-loaded';
import { VisuallyHidden } from '../../components/VisuallyHidden';
import { formatCount, showDay, showDayOf } from '../compliance/compliance-format';
import { PurgeDialog } from './PurgeDialog';
import { purgeableFrom } from './retention-text';
import '../../components/buttons.css';
import '../../components/table.css';
import '../compliance/compliance.css';
import '../marketing/marketing.css';

/**
 * Retention: signed authorizations (and revocations) are kept six years
 * after the later of their creation and their last day in effect. This
 * page lists each with the day it may go, and offers the purge only once
 * it may.
 */
export function RetentionPage() {
  const api = useApi();
  const [purgeableOnly, setPurgeableOnly] = useState(true);
  const load = useCallback(() => api['retention.review']({ purgeableOnly }), [api, purgeableOnly]);
  const { value: review, error, loading, reload } = useLoaded(load);
  const [purging, setPurging] = useState<RetentionRow | null>(null);
  const [done, setDone] = useState<string | null>(null);

  return (
    <>
      <PageHeading>Retention</PageHeading>
      <p className="lead">
        HIPAA requires a signed authorization, and any revocation of it, to be kept for six years from when it was created or
        when it was last in effect, whichever is later. After that, an administrator may purge it. Consent Desk refuses a purge
        any earlier, and records every purge in the audit trail.
      </p>
      <StatusMessage tone={error ? 'problem' : 'success'}>{error ?? done}</StatusMessage>
      <CheckboxField
        label="Show only authorizations that may be purged today"
        checked={purgeableOnly}
        onChange={(event) => setPurgeableOnly(event.target.checked)}
      />
      <div aria-busy={loading}>
        {review ? (
          <>
            <p>
              Reviewed on {showDay(review.today)}: {formatCount(review.reviewed)} signed authorization(s),{' '}
              <strong>{formatCount(review.purgeable)} may be purged</strong>.
            </p>
            {review.rows.length ? (
              <TableScroll label="Signed authorizations and their retention">
                <table className="data-table compliance-table">
                  <caption>
                    {purgeableOnly ? 'Authorizations that may be purged' : 'Signed authorizations'} ({review.rows.length})
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Patient</th>
                      <th scope="col">Signed</th>
                      <th scope="col">Revoked</th>
                      <th scope="col">May be purged</th>
                      <th scope="col">Why</th>
                      <th scope="col">Action</th>
                    </tr>
                  </thead>
                  <tbody>
                    {review.rows.map((row) => (
                      <tr key={row.authorizationId}>
                        <th scope="row">{row.patientName}</th>
                        <td className="compliance-nowrap">{row.signedAt ? showDayOf(row.signedAt) : '—'}</td>
                        <td className="compliance-nowrap">{row.revokedAt ? showDayOf(row.revokedAt) : '—'}</td>
                        <td className="compliance-nowrap">{purgeableFrom(row.verdict)}</td>
                        <td className="cell-wrap">{row.verdict.message}</td>
                        <td>
                          {row.verdict.purgeable ? (
                            <button type="button" className="button button-danger button-small" onClick={() => setPurging(row)}>
                              Purge<VisuallyHidden> {row.patientName}’s authorization</VisuallyHidden>
                            </button>
                          ) : (
                            <span className="muted">Kept</span>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
            ) : (
              <p className="empty-note">
                {purgeableOnly
                  ? 'No authorization may be purged today: every one is still within its six years or in effect.'
                  : 'No signed authorization yet.'}
              </p>
            )}
          </>
        ) : error ? null : (
          <p>Reviewing every signed authorization…</p>
        )}
      </div>
      {purging ? (
        <PurgeDialog
          row={purging}
          onPurged={(result) => {
            setDone(
              `Purged ${purging.patientName}’s authorization (kept through ${showDay(result.keptThrough)}). ${result.postsKept} post(s) that relied on it keep their history.`,
            );
            reload();
          }}
          onRefused={reload}
          onClose={() => setPurging(null)}
        />
      ) : null}
    </>
  );
}
