import { postStateLabel } from '../../i18n/labels';
import { type PostState } from '../../../../shared/posts/post';
import '../../components/table.css';
import './marketing.css';

/** A post's state in the words of shared/posts (Draft, Approved, Published, Take-down required, Taken down). */
export function PostStateBadge({ state }: { state: PostState }) {
  return <span className={`badge post-state post-state-${state}`}>{postStateLabel(state)}</span>;
}
