import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import type { MediaSummary } from '../../../../shared/posts/post';
import { useApi } from '../../api/api-context';
import { messageOf } from '../../components/error-message';
import { downloadFile } from '../../components/download-file';
import { VisuallyHidden } from '../../components/VisuallyHidden';
import { formatBytes, formatNumber } from '../../i18n/format';

/** What the backend found and removed, by the names it records (clean-media.ts); a name it adds later shows as recorded. */
const removedKey: Record<string, string> = {
  'GPS position': 'gpsPosition',
  dates: 'dates',
  'camera details': 'cameraDetails',
  EXIF: 'exif',
  XMP: 'xmp',
  IPTC: 'iptc',
  comments: 'comments',
  'colour profile': 'colourProfile',
};

/** What happened to a file's metadata on import, in one sentence of the staff member's language. */
export function useMetadataNote(): (media: MediaSummary) => string {
  const { t } = useTranslation('testimonials');
  return (media) => {
    if (media.kind !== 'photo') return t('mediaItem.metadataKept');
    if (media.metadataRemoved.length === 0) return t('mediaItem.noMetadataFound');
    const names = media.metadataRemoved.map((name) => (Object.hasOwn(removedKey, name) ? t(`mediaItem.removedNames.${removedKey[name]}` as never) : name));
    return t('mediaItem.removedOnImport', { list: names.join(', ') });
  };
}

/** One imported file: its thumbnail, what was removed from it, and a way to save the stored copy. */
export function MediaItem({ media }: { media: MediaSummary }) {
  const { t } = useTranslation(['testimonials', 'common']);
  const api = useApi();
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const metadataNote = useMetadataNote();
  const kindName = t(`mediaImportForm.${media.kind}`);

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

  const description = [kindName, media.beforeAfter ? t('mediaItem.beforeAndAfter') : null, media.width && media.height ? `${formatNumber(media.width)} × ${formatNumber(media.height)}` : null, formatBytes(media.bytes)]
    .filter(Boolean)
    .join(' · ');
  return (
    <li className="media-item">
      {media.thumbnail ? (
        <img className="media-thumbnail" src={media.thumbnail} alt={`${kindName} ${media.fileName}`} />
      ) : (
        <div className="media-thumbnail media-thumbnail-none" aria-hidden="true">
          {kindName}
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
