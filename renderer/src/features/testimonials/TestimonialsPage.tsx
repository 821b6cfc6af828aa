import { useTranslation } from 'react-i18next';
import { useCallback, useState } from 'react';
import type { MediaSummary, Testimonial } from '../../../../shared/posts/post';
import { useApi } from '../../api/api-context';
import { PageHeading } from '../../components/PageHeading';
import { StatusMessage } from '../../components/StatusMessage';
import { useLoaded } from '../../components/use-loaded';
import { useSession } from '../session/app-state-context';
import { metadataNote } from './MediaItem';
import { NewTestimonialForm } from './NewTestimonialForm';
import { TestimonialCard } from './TestimonialCard';
import '../../components/buttons.css';
import '../marketing/marketing.css';
import './testimonials.css';

/** Testimonials: the patients' words and the media that go with them, imported without identifying metadata. */
export function TestimonialsPage() {
  const { t } = useTranslation(['testimonials', 'common']);
  const api = useApi();
  const session = useSession();
  const canWrite = session.permissions.includes('testimonials.write');
  const canPlanPosts = session.permissions.includes('posts.write');
  const load = useCallback(() => api['testimonials.list']({}), [api]);
  const { value: testimonials, error, reload } = useLoaded(load);
  const [done, setDone] = useState<string | null>(null);
  const [created, setCreated] = useState<string | null>(null);

  const onCreated = (testimonial: Testimonial) => {
    setDone(`Recorded “${testimonial.title}” for ${testimonial.patientFirstName} ${testimonial.patientLastName}. Import its photos or videos below.`);
    setCreated(testimonial.id);
    reload();
  };
  const onImported = (testimonial: Testimonial, media: MediaSummary) => {
    setDone(`Imported ${media.fileName} into “${testimonial.title}”. ${metadataNote(media)}`);
    setCreated(null);
    reload();
  };

  return (
    <>
      <PageHeading>{t('testimonialsPage.testimonials')}</PageHeading>
      <p className="lead">
        {t('testimonialsPage.aPatientSQuoteOr')}
      </p>
      <StatusMessage tone={error ? 'problem' : 'success'}>{error ?? done}</StatusMessage>
      <section aria-labelledby="testimonials-heading" className="testimonials">
        <h2 id="testimonials-heading" className="section-heading">
          {t('testimonialsPage.recordedTestimonials')}{testimonials ? ` (${testimonials.length})` : ''}
        </h2>
        {testimonials === null ? (
          error ? null : <p aria-busy="true">{t('testimonialsPage.loadingTestimonials')}</p>
        ) : testimonials.length === 0 ? (
          <p className="empty-note">{t('testimonialsPage.noTestimonialsYet')}{canWrite ? t('testimonialsPage.recordTheFirstOneBelow') : ''}</p>
        ) : (
          testimonials.map((testimonial) => (
            <TestimonialCard
              key={testimonial.id}
              testimonial={testimonial}
              canWrite={canWrite}
              canPlanPosts={canPlanPosts}
              focus={testimonial.id === created}
              onImported={onImported}
            />
          ))
        )}
      </section>
      {canWrite ? <NewTestimonialForm onCreated={onCreated} /> : null}
    </>
  );
}
