import { useTranslation } from 'react-i18next';
import { diffWords } from 'diff';
import type { TemplateText } from '../../../../shared/authorization/template';
import { VisuallyHidden } from '../../components/VisuallyHidden';
import { valueAt, wordingFields } from './wording-fields';

/** What the draft changes against the version in force, text by text, words added and removed marked (and named for screen readers). */
export function WordingDiff({ inForce, draft }: { inForce: TemplateText; draft: TemplateText }) {
  const { t } = useTranslation(['wording', 'common']);
  const changed = wordingFields.filter((f) => valueAt(inForce, f.path) !== valueAt(draft, f.path));
  if (changed.length === 0) return <p>{t('wordingDiff.noChangeYetTheDraft')}</p>;
  return (
    <dl className="wording-diff">
      {changed.map((field) => (
        <div key={field.path}>
          <dt>{t(`fields.${field.path}` as 'fields.title')}</dt>
          <dd>
            {diffWords(valueAt(inForce, field.path), valueAt(draft, field.path)).map((part, i) =>
              part.added ? (
                <ins key={i}>
                  <VisuallyHidden>{t('wordingDiff.added')} </VisuallyHidden>
                  {part.value}
                  <VisuallyHidden>]</VisuallyHidden>
                </ins>
              ) : part.removed ? (
                <del key={i}>
                  <VisuallyHidden>{t('wordingDiff.removed')} </VisuallyHidden>
                  {part.value}
                  <VisuallyHidden>]</VisuallyHidden>
                </del>
              ) : (
                <span key={i}>{part.value}</span>
              ),
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
