import { channelName } from '../../../../shared/posts/coverage';
import type { PostView } from '../../../../shared/posts/dashboard';
import { TableScroll } from '../../components/TableScroll';
import { VisuallyHidden } from '../../components/VisuallyHidden';
import { showDayOf } from '../marketing/dates';
import { PostStateBadge } from '../marketing/PostStateBadge';
import { hashHref } from '../marketing/use-hash-query';
import { postName } from './post-naming';
import '../../components/table.css';

/** Every post with its state and, in a few words, whether its consent covers it today. */
export function PostList({ posts }: { posts: PostView[] }) {
  if (posts.length === 0) return <p className="empty-note">No posts yet.</p>;
  return (
    <TableScroll label="Posts">
      <table className="data-table posts-table">
        <caption>Posts ({posts.length})</caption>
        <thead>
          <tr>
            <th scope="col">Testimonial</th>
            <th scope="col">Channel</th>
            <th scope="col">State</th>
            <th scope="col">May it be posted?</th>
            <th scope="col">Last change</th>
            <th scope="col">
              <VisuallyHidden>Open</VisuallyHidden>
            </th>
          </tr>
        </thead>
        <tbody>
          {posts.map((post) => (
            <tr key={post.id}>
              <th scope="row">
                {post.testimonialTitle}
                <span className="post-patient">
                  {post.patientFirstName} {post.patientLastName}
                </span>
              </th>
              <td>{channelName(post.channel)}</td>
              <td>
                <PostStateBadge state={post.state} />
              </td>
              <td>
                {post.verdict.covered ? (
                  <span className="verdict-short verdict-short-yes">Covered</span>
                ) : (
                  <>
                    <span className="verdict-short verdict-short-no">Not covered</span>
                    <ul className="verdict-short-reasons">
                      {post.verdict.reasons.map((reason) => (
                        <li key={`${reason.code}-${reason.message}`}>{reason.message}</li>
                      ))}
                    </ul>
                  </>
                )}
              </td>
              <td className="post-updated">{showDayOf(post.updatedAt)}</td>
              <td>
                <a className="button button-secondary button-small" href={hashHref('/posts', { post: post.id })}>
                  Open<VisuallyHidden> {postName(post)}</VisuallyHidden>
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
