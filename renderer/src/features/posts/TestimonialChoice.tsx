import { useCallback, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UseFormRegisterReturn } from 'react-hook-form';
import type { Testimonial } from '../../../../shared/posts/post';
import { useApi } from '../../api/api-context';
import { SelectField } from '../../components/SelectField';
import { useLoaded } from '../../components/use-loaded';
import { formatNumber } from '../../i18n/format';
import { useDebounced } from '../marketing/use-debounced';

/** How many testimonials the choice lists at once: a page the backend reads from an index, whatever the practice holds. */
export const testimonialChoiceLimit = 50;

interface TestimonialChoiceProps {
  registration: UseFormRegisterReturn;
  error?: string | undefined;
  /** The testimonial the form holds now, read in full (null while none is chosen or it is loading). */
  chosen: Testimonial | null;
}

/**
 * Which testimonial a new post is about: the newest ones, or those whose
 * title or patient's name has the words typed, one page at a time. The one
 * chosen stays listed whatever the words, so the form never holds a value its
 * list does not show.
 */
export function TestimonialChoice({ registration, error, chosen }: TestimonialChoiceProps) {
  const { t } = useTranslation('posts');
  const api = useApi();
  const searchId = useId();
  const [typed, setTyped] = useState('');
  const query = useDebounced(typed.trim(), 250);
  const loadPage = useCallback(() => api['testimonials.page']({ query, limit: testimonialChoiceLimit }), [api, query]);
  const page = useLoaded(loadPage);
  const rows = page.value?.rows ?? [];
  const listed = chosen && !rows.some((row) => row.id === chosen.id) ? [chosen, ...rows] : rows;

  let hint: string | undefined;
  if (page.value && page.value.total > page.value.rows.length) {
    hint = t('testimonialChoice.someShown', { shown: formatNumber(page.value.rows.length), total: formatNumber(page.value.total) });
  } else if (page.value && query !== '' && page.value.total === 0) {
    hint = t('testimonialChoice.noneFound');
  }

  return (
    <div className="post-testimonial-choice">
      <div className="field">
        <label htmlFor={searchId} className="field-label">
          {t('testimonialChoice.find')}
        </label>
        <input
          id={searchId}
          className="field-input"
          type="search"
          value={typed}
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => setTyped(event.target.value)}
        />
      </div>
      {/* Keyed by what it lists: a remounted select takes the form's value again once its option exists. */}
      <SelectField
        key={listed.map((row) => row.id).join(' ')}
        label={t('postEditor.testimonial')}
        hint={hint}
        registration={registration}
        error={error ?? page.error ?? undefined}
      >
        <option value="">{page.value ? t('postEditor.chooseATestimonial') : t('postEditor.loadingTestimonials')}</option>
        {listed.map((row) => (
          <option key={row.id} value={row.id}>
            {row.title} ({row.patientFirstName} {row.patientLastName})
          </option>
        ))}
      </SelectField>
    </div>
  );
}
