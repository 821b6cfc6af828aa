import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/api-context';
import { messageOf } from '../../components/error-message';

/**
 * A published post's address as a link. The app itself never loads a web
 * page: the click asks the shell to open the address in the system's
 * browser (web addresses only), and says so when it could not.
 */
export function PublishedLink({ url }: { url: string }) {
  const api = useApi();
  const { t } = useTranslation('posts');
  const [note, setNote] = useState<string | null>(null);
  return (
    <>
      <a
        className="post-url"
        href={url}
        target="_blank"
        rel="noopener noreferrer"
        onClick={(event) => {
          event.preventDefault();
          setNote(null);
          api['shell.openLink']({ url }).then(
            ({ opened }) => setNote(opened ? t('publishedLink.openedInYourBrowser') : t('publishedLink.cannotOpenWebPages')),
            (error: unknown) => setNote(messageOf(error)),
          );
        }}
      >
        {url}
      </a>
      <span role="status" className="post-url-note">
        {note ? ` ${note}` : ''}
      </span>
    </>
  );
}
