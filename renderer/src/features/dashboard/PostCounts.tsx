import type { MarketingDashboard } from '../../../../shared/posts/dashboard';
import { postStates } from '../../../../shared/posts/post';
import { PostStateBadge } from '../marketing/PostStateBadge';

/** How many posts stand in each state. */
export function PostCounts({ counts }: { counts: MarketingDashboard['counts'] }) {
  return (
    <dl className="post-counts">
      {postStates.map((state) => (
        <div key={state} className="post-count">
          <dt>
            <PostStateBadge state={state} />
          </dt>
          <dd>{counts[state] ?? 0}</dd>
        </div>
      ))}
    </dl>
  );
}
