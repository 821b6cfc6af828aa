import { z } from 'zod';
import type { AuthorizationSummary } from './authorization/record';
import { pageInputSchema } from './list-page';
import type { CoverageReason } from './posts/coverage';
import { postStates, type PostState } from './posts/post';

/** The authorizations list: newest first by default, filtered by stage, one page at a time. */
export const consentSorts = ['createdAt', 'signedAt', 'patient'] as const;
export type ConsentSort = (typeof consentSorts)[number];
export const consentPageInputSchema = pageInputSchema(consentSorts, 'createdAt')
  .extend({ direction: z.enum(['asc', 'desc']).default('desc'), stage: z.enum(['draft', 'signed', 'final']).nullable().default(null) })
  .strict();
export type ConsentPageInput = z.output<typeof consentPageInputSchema>;
export interface ConsentListRow extends AuthorizationSummary {
  patientFirstName: string;
  patientLastName: string;
}

/** The posts list: most recently changed first, filtered by state, channel or "not covered", with each post's kept verdict. */
export const postSorts = ['updatedAt', 'createdAt', 'state', 'channel'] as const;
export type PostSort = (typeof postSorts)[number];
export const postPageInputSchema = pageInputSchema(postSorts, 'updatedAt')
  .extend({
    direction: z.enum(['asc', 'desc']).default('desc'),
    state: z.enum(postStates).nullable().default(null),
    channel: z.string().trim().max(60).nullable().default(null),
    uncoveredOnly: z.boolean().default(false),
  })
  .strict();
export type PostPageInput = z.output<typeof postPageInputSchema>;
export interface PostListRow {
  id: string;
  state: PostState;
  channel: string;
  /** The caption's beginning, enough to recognise it. */
  captionStart: string;
  testimonialTitle: string;
  patientFirstName: string;
  patientLastName: string;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  reviewRequiredAt: string | null;
  covered: boolean;
  reasons: CoverageReason[];
}

/** The testimonials list: newest first by default, found by words of the title or of the patient's name (accents and case aside). */
export const testimonialSorts = ['createdAt', 'title', 'patient'] as const;
export type TestimonialSort = (typeof testimonialSorts)[number];
export const testimonialPageInputSchema = pageInputSchema(testimonialSorts, 'createdAt')
  .extend({ direction: z.enum(['asc', 'desc']).default('desc'), query: z.string().trim().max(100).default('') })
  .strict();
export type TestimonialPageInput = z.output<typeof testimonialPageInputSchema>;
export interface TestimonialListRow {
  id: string;
  title: string;
  patientFirstName: string;
  patientLastName: string;
  createdAt: string;
  mediaCount: number;
}
