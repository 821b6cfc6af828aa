import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import type { MediaSummary } from '../../../../shared/posts/post';
import { useApi } from '../../api/api-context';
import { messageOf } from '../../components/error-message';
import { downloadFile } from '../../components/download-file';
import { VisuallyHidden } from '../../components/VisuallyHidden';

const kindNames = { photo: 'Photo', video: 'Video', audio: 'Audio' } as const;

function sizeOf(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** What happened to a file's metadata on import, in one sentence. */
export function metadataNote(media: MediaSummary): string {
  if (media.kind !== 'photo') {
    return 'Metadata is kept as recorded: Consent Desk does not rewrite video or audio files. Check the file for names, places and dates before posting.';
  }
  if (media.metadataRemoved.length === 0) return 'No identifying metadata was found in this photo.';
  return `Removed on import: ${media.metadataRemoved.join(', ')}.`;
}

/** One imported file: its thumbnail, what was removed from it, and a way to save the stored copy. */
export function MediaItem({ media }: { media: MediaSummary }) {
  const { t } = useTranslation(['testimonials', 'common']);
  const api = useApi();
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const save = async () => {
    if (saving) return;
    setSaving(true);
    setProblem(null);
    try {
      downloadFile(await api['media.get']({ id: media.id }));
    } catch (error) {
      setProblem(messageOf(error));
    } finally {
      setSaving(false);
    }
  };

  const description = [kindNames[media.kind], media.beforeAfter ? 'before-and-after' : null, media.width && media.height ? `${media.width} × ${media.height}` : null, sizeOf(media.bytes)]
    .filter(Boolean)
    .join(' · ');
  return (
    <li className="media-item">
      {media.thumbnail ? (
        <img className="media-thumbnail" src={media.thumbnail} alt={`${kindNames[media.kind]} ${media.fileName}`} />
      ) : (
        <div className="media-thumbnail media-thumbnail-none" aria-hidden="true">
          {kindNames[media.kind]}
        </div>
      )}
      <div className="media-details">
        <p className="media-name">{media.fileName}</p>
        <p className="media-description">{description}</p>
        <p className={media.kind === 'photo' ? 'media-metadata media-metadata-removed' : 'media-metadata media-metadata-kept'}>{metadataNote(media)}</p>
        <button type="button" className="button button-secondary button-small" aria-disabled={saving || undefined} onClick={() => void save()}>
          {t('mediaItem.saveACopy')}<VisuallyHidden> {t('mediaItem.of')} {media.fileName}</VisuallyHidden>
        </button>
        {problem ? (
          <p className="field-error" role="alert">
            {problem}
          </p>
        ) : null}
      </div>
    </li>
  );
}
