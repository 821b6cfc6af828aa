import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { defaultPageSize } from '../../../../shared/list-page';
import type { TestimonialListRow, TestimonialSort } from '../../../../shared/list-rows';
import { useApi } from '../../api/api-context';
import { DataTable, usePage, type DataColumn, type ListView } from '../../components/DataTable';
import { messageOf } from '../../components/error-message';
import { StatusMessage } from '../../components/StatusMessage';
import { VisuallyHidden } from '../../components/VisuallyHidden';
import { formatNumber } from '../../i18n/format';
import { showDayOf } from '../marketing/dates';
import { useDebounced } from '../marketing/use-debounced';
import { hashHref } from '../marketing/use-hash-query';
import '../../components/buttons.css';

const firstView: ListView<TestimonialSort> = { sort: 'createdAt', direction: 'desc', offset: 0, limit: defaultPageSize };

interface TestimonialListProps {
  canPlanPosts: boolean;
  /** Changes after each change to a testimonial, so the page shown is read again. */
  revision: number;
}

/** Testimonials a page at a time, found by words of the title or the patient's name; each opens with its media. */
export function TestimonialList({ canPlanPosts, revision }: TestimonialListProps) {
  const { t } = useTranslation('testimonials');
  const api = useApi();
  const [view, setView] = useState(firstView);
  const [typed, setTyped] = useState('');
  const query = useDebounced(typed.trim(), 250);
  const { page, error, busy } = usePage(() => api['testimonials.page']({ ...view, query }), [api, view, query, revision]);

  const columns = useMemo<DataColumn<TestimonialListRow, TestimonialSort>[]>(
    () => [
      { id: 'title', header: t('testimonialList.title'), sortKey: 'title', rowHeader: true, cell: ({ row }) => row.original.title },
      {
        id: 'patient',
        header: t('testimonialList.patient'),
        sortKey: 'patient',
        cell: ({ row }) => `${row.original.patientFirstName} ${row.original.patientLastName}`,
      },
      { id: 'media', header: t('testimonialList.media'), cell: ({ row }) => formatNumber(row.original.mediaCount) },
      { id: 'createdAt', header: t('testimonialList.recorded'), sortKey: 'createdAt', cell: ({ row }) => showDayOf(row.original.createdAt) },
      {
        id: 'actions',
        header: () => <VisuallyHidden>{t('testimonialList.actions')}</VisuallyHidden>,
        cell: ({ row: { original: testimonial } }) => (
          <div className="row-actions">
            <a className="button button-secondary button-small" href={hashHref('/testimonials', { testimonial: testimonial.id })}>
              {t('testimonialList.open')}
              <VisuallyHidden> “{testimonial.title}”</VisuallyHidden>
            </a>
            {canPlanPosts ? (
              <a className="button button-secondary button-small" href={hashHref('/posts', { post: 'new', testimonial: testimonial.id })}>
                {t('testimonialCard.planAPost')}
                <VisuallyHidden> {t('testimonialCard.withTitle', { title: testimonial.title })}</VisuallyHidden>
              </a>
            ) : null}
          </div>
        ),
      },
    ],
    // t changes with the language, so the headers and the cells' dates follow it.
    [t, canPlanPosts],
  );

  return (
    <>
      <div className="list-filters" role="search" aria-label={t('testimonialList.findTestimonials')}>
        <label>
          {t('testimonialList.findATestimonial')}{' '}
          <input
            type="search"
            value={typed}
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => {
              setTyped(event.target.value);
              setView((v) => ({ ...v, offset: 0 }));
            }}
          />
        </label>
      </div>
      <StatusMessage tone="problem">{error ? messageOf(error) : null}</StatusMessage>
      {error ? null : (
        <DataTable
          caption={t('testimonialList.caption')}
          counted={(total) => t('testimonialList.testimonialCount', { count: total, formatted: formatNumber(total) })}
          pagerLabel={t('testimonialList.pagesOfTestimonials')}
          columns={columns}
          page={page}
          view={view}
          onView={setView}
          rowKey={(row) => row.id}
          busy={busy}
          empty={query ? t('testimonialList.noneMatch') : t('testimonialsPage.noTestimonialsYet')}
        />
      )}
    </>
  );
}
