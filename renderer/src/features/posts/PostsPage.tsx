import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PostView } from '../../../../shared/posts/dashboard';
import { useApi } from '../../api/api-context';
import { PageHeading } from '../../components/PageHeading';
import { StatusMessage } from '../../components/StatusMessage';
import { hashHref, useHashQuery } from '../marketing/use-hash-query';
import { useLoaded } from '../../components/use-loaded';
import { useSession } from '../session/app-state-context';
import { PostEditor } from './PostEditor';
import { PostList } from './PostList';
import '../../components/buttons.css';
import '../marketing/marketing.css';
import './posts.css';

/**
 * Posts: the list (`#/posts`), a new post (`#/posts?post=new`, optionally
 * with `&testimonial=…`) or one post (`#/posts?post=<id>`).
 */
export function PostsPage() {
  const api = useApi();
  const { t } = useTranslation('posts');
  const session = useSession();
  const canWrite = session.permissions.includes('posts.write');
  const query = useHashQuery();
  const [flash, setFlash] = useState<{ postId: string; message: string } | null>(null);
  const shown = query.get('post');
  // One post when one is open; the list pages itself.
  const load = useCallback(() => (shown && shown !== 'new' ? api['posts.get']({ id: shown }) : Promise.resolve(null)), [api, shown]);
  const { value: post, error, loading, reload } = useLoaded(load);

  const onChanged = (post: PostView, message: string, created: boolean) => {
    reload();
    if (created) {
      // The new post opens in its own editor once the reloaded list holds it.
      setFlash({ postId: post.id, message });
      window.location.hash = hashHref('/posts', { post: post.id });
    }
  };

  if (shown === 'new') {
    return <PostEditor key="new" post={null} initialTestimonialId={query.get('testimonial') ?? ''} flash={null} onChanged={onChanged} />;
  }
  if (shown) {
    if (post && post.id === shown) {
      return <PostEditor key={post.id} post={post} initialTestimonialId="" flash={flash?.postId === post.id ? flash.message : null} onChanged={onChanged} />;
    }
    return (
      <>
        <PageHeading>{t('postsPage.post')}</PageHeading>
        {loading || (!error && !post) ? <p aria-busy="true">{t('postsPage.loadingThePost')}</p> : <StatusMessage tone="problem">{error ?? t('postsPage.thatPostDoesNotExist')}</StatusMessage>}
        <p>
          <a href="#/posts">{t('postsPage.allPosts')}</a>
        </p>
      </>
    );
  }

  return (
    <>
      <PageHeading>{t('postsPage.posts')}</PageHeading>
      <p className="lead">{t('postsPage.eachPostReliesOnOne')}</p>
      {canWrite ? (
        <p>
          <a className="button button-primary" href={hashHref('/posts', { post: 'new' })}>
            {t('postsPage.planANewPost')}
          </a>
        </p>
      ) : null}
      <PostList />
    </>
  );
}
