import { z } from 'zod';
import { contract } from '../../../../shared/contract';

/** A testimonial checks what `testimonials.create` checks; an unchosen patient gets a sentence that says so. */
export const testimonialFormSchema = contract['testimonials.create'].input.extend({
  patientId: z.uuid('Choose the patient the testimonial is about.'),
});
export type TestimonialFormInput = z.input<typeof testimonialFormSchema>;
export type TestimonialFormValues = z.output<typeof testimonialFormSchema>;
