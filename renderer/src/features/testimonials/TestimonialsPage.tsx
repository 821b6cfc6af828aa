import { useTranslation } from 'react-i18next';
import { useCallback, useState } from 'react';
import type { MediaSummary, Testimonial } from '../../../../shared/posts/post';
import { useApi } from '../../api/api-context';
import { PageHeading } from '../../components/PageHeading';
import { StatusMessage } from '../../components/StatusMessage';
import { useLoaded } from '../../components/use-loaded';
import { hashHref, useHashQuery } from '../marketing/use-hash-query';
import { useSession } from '../session/app-state-context';
import { useMetadataNote } from './MediaItem';
import { NewTestimonialForm } from './NewTestimonialForm';
import { TestimonialCard } from './TestimonialCard';
import { TestimonialList } from './TestimonialList';
import '../../components/buttons.css';
import '../marketing/marketing.css';
import './testimonials.css';

/**
 * Testimonials: the patients' words and the media that go with them,
 * imported without identifying metadata. The list pages itself
 * (`#/testimonials`); one testimonial opens with its media and its import
 * form above it (`#/testimonials?testimonial=<id>`), so the page holds one
 * import form, not one per testimonial.
 */
export function TestimonialsPage() {
  const { t } = useTranslation(['testimonials', 'common']);
  const api = useApi();
  const session = useSession();
  const canWrite = session.permissions.includes('testimonials.write');
  const canPlanPosts = session.permissions.includes('posts.write');
  const metadataNote = useMetadataNote();
  const shownId = useHashQuery().get('testimonial');
  const load = useCallback(() => (shownId ? api['testimonials.get']({ id: shownId }) : Promise.resolve(null)), [api, shownId]);
  const { value: shown, error, loading, reload } = useLoaded(load);
  const [done, setDone] = useState<string | null>(null);
  const [revision, setRevision] = useState(0);

  const onCreated = (testimonial: Testimonial) => {
    setDone(t('testimonialsPage.recordedFor', { title: testimonial.title, name: `${testimonial.patientFirstName} ${testimonial.patientLastName}` }));
    setRevision((r) => r + 1);
    window.location.hash = hashHref('/testimonials', { testimonial: testimonial.id });
  };
  const onImported = (testimonial: Testimonial, media: MediaSummary) => {
    setDone(`${t('testimonialsPage.importedInto', { file: media.fileName, title: testimonial.title })} ${metadataNote(media)}`);
    setRevision((r) => r + 1);
    reload();
  };

  return (
    <>
      <PageHeading>{t('testimonialsPage.testimonials')}</PageHeading>
      <p className="lead">{t('testimonialsPage.aPatientSQuoteOr')}</p>
      <StatusMessage tone={error ? 'problem' : 'success'}>{error ?? done}</StatusMessage>
      {shownId ? (
        shown && shown.id === shownId ? (
          <div className="testimonial-open">
            <TestimonialCard key={shown.id} testimonial={shown} canWrite={canWrite} canPlanPosts={canPlanPosts} focus onImported={onImported} />
            <p>
              <a href={hashHref('/testimonials')}>{t('testimonialsPage.closeThisTestimonial')}</a>
            </p>
          </div>
        ) : loading ? (
          <p aria-busy="true">{t('testimonialsPage.loadingTestimonial')}</p>
        ) : null
      ) : null}
      <section aria-labelledby="testimonials-heading" className="testimonials">
        <h2 id="testimonials-heading" className="section-heading">
          {t('testimonialsPage.recordedTestimonials')}
        </h2>
        <TestimonialList canPlanPosts={canPlanPosts} revision={revision} />
      </section>
      {canWrite ? <NewTestimonialForm onCreated={onCreated} /> : null}
    </>
  );
}
