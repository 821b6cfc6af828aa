import { useTranslation } from 'react-i18next';
import type { MediaSummary } from '../../../../shared/posts/post';
import { CheckboxField } from '../../components/CheckboxField';
import '../../components/choice-group.css';

const kindNames = { photo: 'photo', video: 'video', audio: 'audio' } as const;

/** Which of the testimonial's media the post shows: each counts as content the consent must allow. */
export function MediaChoice({ media, chosen, onChange }: { media: MediaSummary[] | null; chosen: string[]; onChange: (ids: string[]) => void }) {
  const { t } = useTranslation(['posts', 'common']);
  return (
    <fieldset className="choice-group">
      <legend className="choice-group-legend">{t('mediaChoice.mediaInThisPost')}</legend>
      {media === null ? (
        <p className="field-hint">{t('mediaChoice.chooseATestimonialFirst')}</p>
      ) : media.length === 0 ? (
        <p className="field-hint">{t('mediaChoice.thisTestimonialHasNoMedia')}</p>
      ) : (
        <ul className="media-choice">
          {media.map((m) => (
            <li key={m.id} className="media-choice-item">
              {m.thumbnail ? <img className="media-choice-thumbnail" src={m.thumbnail} alt="" /> : null}
              <CheckboxField
                label={`${m.fileName} (${kindNames[m.kind]}${m.beforeAfter ? ', before-and-after' : ''})`}
                checked={chosen.includes(m.id)}
                onChange={(event) => onChange(event.target.checked ? [...chosen, m.id] : chosen.filter((id) => id !== m.id))}
              />
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
