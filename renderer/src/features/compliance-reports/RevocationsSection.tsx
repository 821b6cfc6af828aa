import { revocationMethodLabels } from '../../../../shared/authorization/record';
import type { RevocationReport } from '../../../../shared/compliance/revocation-report';
import { channelName } from '../../../../shared/posts/coverage';
import { postStateLabels } from '../../../../shared/posts/post';
import { TableScroll } from '../../components/TableScroll';
import { formatCount, showDay, showInstant } from '../compliance/compliance-format';
import { hashHref } from '../marketing/use-hash-query';

/** Revocations recorded in the period and, for each, the posts that had to come down and when they did. */
export function RevocationsSection({ report }: { report: RevocationReport }) {
  const t = report.totals;
  return (
    <>
      <p>
        {formatCount(t.revocations)} revocation(s) recorded from {showDay(report.from)} to {showDay(report.to)};{' '}
        {formatCount(t.postsAffected)} published post(s) relied on them: {formatCount(t.takenDown)} taken down,{' '}
        <strong>{formatCount(t.outstanding)} still waiting</strong>.
      </p>
      {report.rows.length ? (
        <TableScroll label="Revocations in the period">
          <table className="data-table compliance-table">
            <caption>Revocations ({report.rows.length})</caption>
            <thead>
              <tr>
                <th scope="col">Patient</th>
                <th scope="col">Received</th>
                <th scope="col">Recorded</th>
                <th scope="col">How</th>
                <th scope="col">What was taken down</th>
              </tr>
            </thead>
            <tbody>
              {report.rows.map((row) => (
                <tr key={row.consentId}>
                  <th scope="row">{row.patientName}</th>
                  <td className="compliance-nowrap">{showDay(row.receivedOn)}</td>
                  <td>{showInstant(row.recordedAt)}</td>
                  <td>{revocationMethodLabels[row.method]}</td>
                  <td className="cell-wrap">
                    {row.posts.length ? (
                      <ul className="compliance-inline-list">
                        {row.posts.map((post) => (
                          <li key={post.id}>
                            <a href={hashHref('/posts', { post: post.id })}>{channelName(post.channel)} post</a>:{' '}
                            {post.takenDownAt
                              ? `taken down ${showInstant(post.takenDownAt)} (${post.daysToTakeDown === 0 ? 'the same day' : `${post.daysToTakeDown} day(s) later`})`
                              : `${postStateLabels[post.state]}, not taken down yet`}
                          </li>
                        ))}
                      </ul>
                    ) : (
                      'No published post relied on it.'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p className="empty-note">No revocation was recorded in this period.</p>
      )}
    </>
  );
}
