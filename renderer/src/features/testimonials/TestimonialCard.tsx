import { useTranslation } from 'react-i18next';
import { useEffect, useRef } from 'react';
import type { MediaSummary, Testimonial } from '../../../../shared/posts/post';
import { showDayOf } from '../marketing/dates';
import { hashHref } from '../marketing/use-hash-query';
import { MediaImportForm } from './MediaImportForm';
import { MediaItem } from './MediaItem';

interface TestimonialCardProps {
  testimonial: Testimonial;
  canWrite: boolean;
  canPlanPosts: boolean;
  /** Take the focus (just created). */
  focus: boolean;
  onImported: (testimonial: Testimonial, media: MediaSummary) => void;
}

/** A testimonial: whose, the words, its media, and where to add more. */
export function TestimonialCard({ testimonial, canWrite, canPlanPosts, focus, onImported }: TestimonialCardProps) {
  const { t } = useTranslation(['testimonials', 'common']);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const headingId = `testimonial-${testimonial.id}`;
  useEffect(() => {
    if (focus) headingRef.current?.focus();
  }, [focus]);

  return (
    <section className="card testimonial" aria-labelledby={headingId}>
      <header className="testimonial-header">
        <h2 id={headingId} ref={headingRef} tabIndex={-1} className="testimonial-title">
          {testimonial.title}
        </h2>
        <p className="muted testimonial-meta">
          {testimonial.patientFirstName} {testimonial.patientLastName} {t('testimonialCard.recorded')} {showDayOf(testimonial.createdAt)}
        </p>
      </header>
      <blockquote className="testimonial-quote">{testimonial.quote}</blockquote>
      <h3 className="testimonial-subheading">{t('testimonialCard.media')}{testimonial.media.length})</h3>
      {testimonial.media.length ? (
        <ul className="media-list">
          {testimonial.media.map((media) => (
            <MediaItem key={media.id} media={media} />
          ))}
        </ul>
      ) : (
        <p className="empty-note">{t('testimonialCard.noPhotosVideosOrAudio')}</p>
      )}
      {canWrite ? (
        <div className="media-import-section">
          <h3 className="testimonial-subheading">{t('testimonialCard.importAPhotoVideoOr')}</h3>
          <MediaImportForm testimonial={testimonial} onImported={(media) => onImported(testimonial, media)} />
        </div>
      ) : null}
      {canPlanPosts ? (
        <p className="testimonial-actions">
          <a className="button button-secondary button-small" href={hashHref('/posts', { post: 'new', testimonial: testimonial.id })}>
            {t('testimonialCard.planAPost')}<span className="visually-hidden"> {t('testimonialCard.withTitle', { title: testimonial.title })}</span>
          </a>
        </p>
      ) : null}
    </section>
  );
}
