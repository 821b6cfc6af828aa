import { i18n } from '../../i18n/i18n';
import { channelName } from '../../i18n/labels';
import type { PostView } from '../../../../shared/posts/dashboard';

/** How a post is named in buttons, dialogs and messages: “Back on the stairs” on Facebook. */
export function postName(post: Pick<PostView, 'testimonialTitle' | 'channel'>): string {
  return i18n.t('posts:postName', { title: post.testimonialTitle, channel: channelName(post.channel) });
}
