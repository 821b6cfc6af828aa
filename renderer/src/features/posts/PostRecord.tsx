import type { PostView } from '../../../../shared/posts/dashboard';
import { showDay, showDayOf } from '../marketing/dates';
import { PublishedLink } from './PublishedLink';
import { PostStateBadge } from '../marketing/PostStateBadge';

/** Where a saved post stands and what happened to it, oldest first. */
export function PostRecord({ post }: { post: PostView }) {
  return (
    <section className="post-record" aria-labelledby="post-record-heading">
      <h2 id="post-record-heading" className="visually-hidden">
        Status
      </h2>
      <p className="post-record-state">
        State: <PostStateBadge state={post.state} />
      </p>
      {post.reviewRequiredAt ? (
        <p className="post-takedown-reason">
          <strong>Review this post.</strong> {post.reviewReason}
        </p>
      ) : null}
      {post.identifiersApproval ? (
        <p className="post-identifiers-approval">
          Identifiers approved by {post.identifiersApproval.byName} on {showDayOf(post.identifiersApproval.at)}: “{post.identifiersApproval.reason}”
        </p>
      ) : null}
      {post.sponsor ? <p className="post-sponsor">Paid for by {post.sponsor}</p> : null}
      {post.state === 'takedown_required' ? (
        <p className="post-takedown-reason">
          <strong>Take this post down now.</strong> {post.takedownReason}
        </p>
      ) : null}
      <ul className="post-record-events">
        <li>Planned {showDayOf(post.createdAt)}</li>
        {post.approvedAt ? <li>Approved {showDayOf(post.approvedAt)}</li> : null}
        {post.publishedAt ? (
          <li>
            Published {showDay(post.publishedAt)}
            {post.publishedUrl ? (
              <>
                {' '}
                at <PublishedLink url={post.publishedUrl} />
              </>
            ) : null}
          </li>
        ) : null}
        {post.takedownRequiredAt ? <li>Take-down required since {showDayOf(post.takedownRequiredAt)}</li> : null}
        {post.takenDownAt ? <li>Taken down {showDayOf(post.takenDownAt)}</li> : null}
      </ul>
    </section>
  );
}
