import { useCallback } from 'react';
import { channelName } from '../../../../shared/posts/coverage';
import { postReviewStateLabels } from '../../../../shared/program/post-review';
import { useApi } from '../../api/api-context';
import { PageHeading } from '../../components/PageHeading';
import { StatusMessage } from '../../components/StatusMessage';
import { TableScroll } from '../../components/TableScroll';
import { useLoaded } from '../../components/use-loaded';
import { showInstant } from '../compliance/compliance-format';
import { hashHref } from '../marketing/use-hash-query';
import '../../components/table.css';
import './post-reviews.css';

/** The privacy officer's queue of posts sent for review: those waiting first; each opens on its post, where the thread is. */
export function PostReviewsPage() {
  const api = useApi();
  const load = useCallback(() => api['postReviews.queue']({}), [api]);
  const { value, error } = useLoaded(load);
  return (
    <>
      <PageHeading>Ask before posting</PageHeading>
      <p className="lead">Drafts marketing sent for your review. Open one to read it with its consent check, then approve, decline or comment.</p>
      <StatusMessage tone="problem">{error}</StatusMessage>
      {!value ? (
        error ? null : <p aria-busy="true">Loading…</p>
      ) : value.length === 0 ? (
        <p>Nothing was sent for review.</p>
      ) : (
        <TableScroll label="Posts sent for review">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Post</th>
                <th scope="col">Asked</th>
                <th scope="col">State</th>
                <th scope="col">Caption</th>
              </tr>
            </thead>
            <tbody>
              {value.map((item) => (
                <tr key={item.postId}>
                  <th scope="row">
                    <a href={hashHref('/posts', { post: item.postId })}>
                      {item.testimonialTitle} on {channelName(item.channel)}
                    </a>
                  </th>
                  <td>
                    {item.requestedByName}, {showInstant(item.requestedAt)}
                  </td>
                  <td>
                    <span className={`badge post-review-${item.state}`}>{postReviewStateLabels[item.state]}</span>
                    {item.changedSince ? ' (changed since)' : ''}
                  </td>
                  <td className="cell-wrap">{item.caption}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}
