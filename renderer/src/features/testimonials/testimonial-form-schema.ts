import { z } from 'zod';
import { contract } from '../../../../shared/contract';
import { i18n } from '../../i18n/i18n';

/** A testimonial checks what `testimonials.create` checks; an unchosen patient gets a sentence that says so. */
export const testimonialFormSchema = contract['testimonials.create'].input.extend({
  patientId: z.uuid({ error: () => i18n.t('validation:testimonial.patient') }),
});
export type TestimonialFormInput = z.input<typeof testimonialFormSchema>;
export type TestimonialFormValues = z.output<typeof testimonialFormSchema>;
