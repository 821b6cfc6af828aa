import { z } from 'zod';
import type { Page } from '../list-page';
import { postPageInputSchema, testimonialPageInputSchema, type PostListRow, type TestimonialListRow } from '../list-rows';
import { patientIdSchema, rowVersionSchema } from '../patients';
import type { ConsentScopeView } from '../posts/consent-scope';
import type { MarketingDashboard, PostView } from '../posts/dashboard';
import { mediaKinds, postDraftSchema, type MediaSummary, type Testimonial } from '../posts/post';
import type { ReplyCheck } from '../posts/review-reply';
import { chunkInputSchema, type Chunk, type PostCheckRow } from '../store-chunks';
import { call, returns } from './define';
import { noInput } from './no-input';

const testimonialIdSchema = z.uuid('Unknown testimonial.');
const postIdSchema = z.uuid('Unknown post.');

/** Testimonials, media, posts and the checks marketing relies on before posting. */
export const marketingCalls = {
  'consents.scopeForPatient': call({
    summary: 'What each of a patient’s consents covers, for judging posts (no personal details).',
    access: 'consents.readScope',
    input: z.object({ patientId: patientIdSchema }).strict(),
    output: returns<ConsentScopeView[]>(),
  }),
  'testimonials.list': call({
    summary: 'Every testimonial, with its media.',
    access: 'testimonials.read',
    input: noInput,
    output: returns<Testimonial[]>(),
  }),
  'testimonials.page': call({
    summary: 'One page of testimonials, found by words of the title or the patient’s name, sorted, with the total and each one’s count of media.',
    access: 'testimonials.read',
    input: testimonialPageInputSchema,
    output: returns<Page<TestimonialListRow>>(),
  }),
  'testimonials.get': call({
    summary: 'One testimonial, with its media.',
    access: 'testimonials.read',
    input: z.object({ id: testimonialIdSchema }).strict(),
    output: returns<Testimonial>(),
  }),
  'testimonials.patients': call({
    summary: 'Patients who have a final consent, by name only: whom a testimonial can be about.',
    access: 'testimonials.write',
    input: z.object({ query: z.string().trim().max(100).default('') }).strict(),
    output: returns<{ id: string; firstName: string; lastName: string }[]>(),
  }),
  'testimonials.create': call({
    summary: 'Record a patient’s testimonial: the quote or story.',
    access: 'testimonials.write',
    input: z
      .object({
        patientId: patientIdSchema,
        title: z.string().trim().min(1, 'Give the testimonial a short title.').max(200),
        /** Empty for a testimonial that is only photos, video or audio. */
        quote: z.string().trim().max(20_000).default(''),
      })
      .strict(),
    output: returns<Testimonial>(),
  }),
  'media.import': call({
    summary: 'Import a photo, video or audio file into a testimonial; identifying metadata is removed from images.',
    access: 'testimonials.write',
    input: z
      .object({
        testimonialId: testimonialIdSchema,
        fileName: z.string().trim().min(1).max(255),
        kind: z.enum(mediaKinds),
        beforeAfter: z.boolean().default(false),
        base64: z.string().min(1, 'The file is empty.').max(70_000_000, 'The file is larger than 50 MB.'),
      })
      .strict(),
    output: returns<MediaSummary>(),
  }),
  'media.get': call({
    summary: 'A media file as stored (metadata already removed).',
    access: 'testimonials.read',
    input: z.object({ id: z.uuid('Unknown media file.') }).strict(),
    output: returns<{ fileName: string; mimeType: string; base64: string; sha256: string }>(),
  }),
  'posts.page': call({
    summary: 'One page of posts with their kept coverage verdict, sorted and filtered by state, channel or not covered, with the total.',
    access: 'posts.read',
    input: postPageInputSchema,
    output: returns<Page<PostListRow>>(),
  }),
  'posts.get': call({
    summary: 'One post with its state, what it discloses and whether its consent covers it today.',
    access: 'posts.read',
    input: z.object({ id: postIdSchema }).strict(),
    output: returns<PostView>(),
  }),
  'posts.list': call({
    summary: 'Every post with its state and whether its consent covers it today.',
    access: 'posts.read',
    input: noInput,
    output: returns<PostView[]>(),
  }),
  'posts.checkChunk': call({
    summary: 'Every post, newest first, a chunk at a time after a cursor, with its kept coverage verdict, and how many live posts are not covered (for whole-store checks).',
    access: 'posts.read',
    input: chunkInputSchema,
    output: returns<Chunk<PostCheckRow> & { liveUncovered: number }>(),
  }),
  'posts.check': call({
    summary: 'May this draft be posted? The coverage verdict and everything it discloses, without saving (audited, and limited per session).',
    access: 'posts.read',
    input: postDraftSchema,
    output: returns<Pick<PostView, 'contentKinds' | 'verdict' | 'disclosures'>>(),
  }),
  'posts.create': call({
    summary: 'Plan a post (a draft).',
    access: 'posts.write',
    input: postDraftSchema,
    output: returns<PostView>(),
  }),
  'posts.update': call({
    summary: 'Change a draft or approved post (an approved one goes back to draft). With the rowVersion read, an edit made on an older copy is refused (conflict).',
    access: 'posts.write',
    input: postDraftSchema.extend({ id: postIdSchema, rowVersion: rowVersionSchema.optional() }).strict(),
    output: returns<PostView>(),
  }),
  'posts.approveIdentifiers': call({
    summary: 'An administrator lets the identifiers in a post’s caption and quote go out, with a written reason (audited; an edit voids it).',
    access: 'posts.approveIdentifiers',
    input: z
      .object({
        id: postIdSchema,
        reason: z.string().trim().min(10, 'Write the reason in a sentence: why may this identifier go out?').max(1000),
      })
      .strict(),
    output: returns<PostView>(),
  }),
  'posts.approve': call({
    summary: 'Approve a draft whose consent covers it now.',
    access: 'posts.write',
    input: z.object({ id: postIdSchema }).strict(),
    output: returns<PostView>(),
  }),
  'posts.publish': call({
    summary: 'Record that an approved post was published: when and where.',
    access: 'posts.write',
    input: z
      .object({
        id: postIdSchema,
        publishedOn: z.iso.date('Use a date such as 2026-12-01.'),
        url: z.url('Enter the post’s address, such as https://www.instagram.com/p/…').max(2000),
      })
      .strict(),
    output: returns<PostView>(),
  }),
  'posts.recordTakedown': call({
    summary: 'Record that a post was taken down.',
    access: 'posts.write',
    input: z.object({ id: postIdSchema }).strict(),
    output: returns<PostView>(),
  }),
  'posts.dashboard': call({
    summary: 'Take-downs required first, then consents expiring in 30, 60 and 90 days with their posts.',
    access: 'posts.read',
    input: noInput,
    output: returns<MarketingDashboard>(),
  }),
  'replies.check': call({
    summary: 'Check a reply to an online review for anything that confirms a patient or mentions care; the reply and the decision are kept as evidence.',
    access: 'session',
    input: z.object({ text: z.string().trim().min(1, 'Paste the reply to check.').max(5000) }).strict(),
    output: returns<ReplyCheck>(),
  }),
} as const;
