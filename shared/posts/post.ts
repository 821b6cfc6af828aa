import { z } from 'zod';
import { channels, contentKinds, purposes, type ContentKind, type Purpose } from '../authorization/scope';

export const postStates = ['draft', 'approved', 'published', 'takedown_required', 'taken_down'] as const;
export type PostState = (typeof postStates)[number];

export const postStateLabels: Record<PostState, string> = {
  draft: 'Draft',
  approved: 'Approved',
  published: 'Published',
  takedown_required: 'Take-down required',
  taken_down: 'Taken down',
};

export const mediaKinds = ['photo', 'video', 'audio'] as const;
export type MediaKind = (typeof mediaKinds)[number];

/** Where a post appears: one of the listed channels, or another named in words. */
export const postChannelSchema = z.union([z.enum(channels), z.string().trim().min(1).max(120)]);

export const postDraftSchema = z
  .object({
    testimonialId: z.uuid('Choose a testimonial.'),
    consentId: z.uuid('Choose the consent this post relies on.').nullable(),
    channel: postChannelSchema,
    caption: z.string().max(5000, 'Use at most 5,000 characters.'),
    mediaIds: z.array(z.uuid()).max(20),
    purpose: z.enum(purposes, 'Choose the purpose of the post.'),
    thirdPartyPays: z.boolean(),
    /** Who pays, for a paid post: checked against the payer the consent names. */
    sponsor: z.string().trim().max(200, 'Use at most 200 characters.').optional(),
    /** Content kinds the coordinator adds to those derived from media and caption. */
    extraContentKinds: z.array(z.enum(contentKinds)).max(contentKinds.length).default([]),
  })
  .strict();
export type PostDraft = z.output<typeof postDraftSchema>;

export interface MediaSummary {
  id: string;
  testimonialId: string;
  kind: MediaKind;
  beforeAfter: boolean;
  fileName: string;
  mimeType: string;
  bytes: number;
  sha256: string;
  width: number | null;
  height: number | null;
  /** A small JPEG data URL, for photos. */
  thumbnail: string | null;
  /** What was removed on import, e.g. ["EXIF", "GPS position", "XMP"]. */
  metadataRemoved: string[];
  createdAt: string;
}

export interface Testimonial {
  id: string;
  patientId: string;
  patientFirstName: string;
  patientLastName: string;
  title: string;
  quote: string;
  createdAt: string;
  media: MediaSummary[];
}

export interface Post extends PostDraft {
  id: string;
  patientId: string;
  state: PostState;
  createdAt: string;
  updatedAt: string;
  approvedAt: string | null;
  publishedAt: string | null;
  publishedUrl: string | null;
  /** The consent's signed PDF hash at approval: the version the post relies on. */
  reliedConsentPdfSha256: string | null;
  takedownRequiredAt: string | null;
  takedownReason: string | null;
  takenDownAt: string | null;
  /**
   * An administrator's decision to let the identifiers in this caption and
   * quote go out (a date, a phone number), with the written reason. An edit
   * of the caption voids it.
   */
  identifiersApproval: { byName: string; at: string; reason: string } | null;
  /** Published under a parent's authorization and the patient came of age: to review, not taken down. */
  reviewRequiredAt: string | null;
  reviewReason: string | null;
}

export type { ContentKind, Purpose };
