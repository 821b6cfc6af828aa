import type { UncoveredPost, UncoveredPostsReport } from '../../../../shared/compliance/uncovered-posts';
import { channelName } from '../../../../shared/posts/coverage';
import { postStateLabels } from '../../../../shared/posts/post';
import { TableScroll } from '../../components/TableScroll';
import { formatCount, showDay } from '../compliance/compliance-format';
import { hashHref } from '../marketing/use-hash-query';

function PostTable({ caption, posts }: { caption: string; posts: UncoveredPost[] }) {
  return (
    <TableScroll label={caption}>
      <table className="data-table compliance-table">
        <caption>
          {caption} ({posts.length})
        </caption>
        <thead>
          <tr>
            <th scope="col">Patient</th>
            <th scope="col">Post</th>
            <th scope="col">State</th>
            <th scope="col">Published</th>
            <th scope="col">Why it is not covered</th>
          </tr>
        </thead>
        <tbody>
          {posts.map((post) => (
            <tr key={post.postId}>
              <th scope="row">{post.patientName}</th>
              <td>
                <a href={hashHref('/posts', { post: post.postId })}>{channelName(post.channel)} post</a>
              </td>
              <td>{postStateLabels[post.state]}</td>
              <td className="compliance-nowrap">{post.publishedOn ? showDay(post.publishedOn) : '—'}</td>
              <td className="cell-wrap">
                <ul className="compliance-inline-list">
                  {post.reasons.map((reason) => (
                    <li key={reason}>{reason}</li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/**
 * Posts published without a valid, covering consent: the number auditors
 * look for first (it should be zero), then each such post and why.
 */
export function UncoveredPostsSection({ report }: { report: UncoveredPostsReport }) {
  const none = report.total === 0;
  return (
    <>
      <p className={none ? 'headline-number' : 'headline-number headline-number-alert'}>
        <span className="headline-number-value">{formatCount(report.total)}</span>{' '}
        <span className="headline-number-label">
          {report.total === 1 ? 'post' : 'posts'} without a valid, covering consent
          {none ? ': every published post was covered.' : '. It should be zero.'}
        </span>
      </p>
      <p className="compliance-note">
        {formatCount(report.postsChecked)} published posts checked on {showDay(report.generatedOn)}: each on the day it was
        published, with its consent as it stood then, and those still up, today.
        {report.consentPurged
          ? ` ${formatCount(report.consentPurged)} taken-down post(s) relied on a consent purged after its six years; their history is kept.`
          : ''}
      </p>
      {report.publishedWithoutCoverage.length ? <PostTable caption="Published when their consent did not cover them" posts={report.publishedWithoutCoverage} /> : null}
      {report.liveWithoutCoverage.length ? <PostTable caption="Still up, and not covered today" posts={report.liveWithoutCoverage} /> : null}
    </>
  );
}
