import { z } from 'zod';
import { channels } from '../../../../shared/authorization/scope';
import { postChannelSchema, postDraftSchema, type Post, type PostDraft } from '../../../../shared/posts/post';
import { i18n } from '../../i18n/i18n';

const draft = postDraftSchema.shape;

/** "Other" in the channel list: the coordinator names the channel in words. */
export const otherChannel = 'other';

/**
 * The post editor: the fields of a post draft, checked with the draft's own
 * schemas, except that the consent is a radio choice ('' for none yet) and
 * the channel is chosen from the list or named under "Other". The output is
 * the PostDraft that `posts.check`, `posts.create` and `posts.update` take.
 */
export const postFormSchema = z
  .object({
    // The draft's own rule (a testimonial's id), said in the screen's language.
    testimonialId: z.uuid({ error: () => i18n.t('validation:post.chooseTestimonial') }),
    consentId: z.string(),
    // One enum, not a union: the form resolver shows a union's first inner message (“Invalid option: …”), not the union's own.
    channel: z.enum([...channels, otherChannel], { error: () => i18n.t('validation:post.chooseChannel') }),
    otherChannelName: z.string(),
    caption: draft.caption,
    mediaIds: draft.mediaIds,
    purpose: draft.purpose,
    thirdPartyPays: draft.thirdPartyPays,
    sponsor: z.string().trim().max(200, { error: () => i18n.t('validation:atMostCharacters', { max: 200 }) }),
    extraContentKinds: draft.extraContentKinds,
  })
  .superRefine((values, ctx) => {
    if (values.channel === otherChannel && !postChannelSchema.safeParse(values.otherChannelName).success) {
      ctx.addIssue({ code: 'custom', path: ['otherChannelName'], message: i18n.t('validation:post.nameOtherChannel') });
    }
  })
  .transform(
    (values): PostDraft => ({
      testimonialId: values.testimonialId,
      consentId: values.consentId === '' ? null : values.consentId,
      channel: values.channel === otherChannel ? values.otherChannelName.trim() : values.channel,
      caption: values.caption,
      mediaIds: values.mediaIds,
      purpose: values.purpose,
      thirdPartyPays: values.thirdPartyPays,
      sponsor: values.thirdPartyPays ? values.sponsor : '',
      extraContentKinds: values.extraContentKinds,
    }),
  );
export type PostFormInput = z.input<typeof postFormSchema>;

export function emptyPostForm(testimonialId = ''): PostFormInput {
  return {
    testimonialId,
    consentId: '',
    channel: '' as PostFormInput['channel'],
    otherChannelName: '',
    caption: '',
    mediaIds: [],
    purpose: 'advertising',
    thirdPartyPays: false,
    sponsor: '',
    extraContentKinds: [],
  };
}

/** A saved post as the editor's values. */
export function postFormOf(post: Post): PostFormInput {
  const listed = (channels as readonly string[]).includes(post.channel);
  return {
    testimonialId: post.testimonialId,
    consentId: post.consentId ?? '',
    channel: listed ? (post.channel as PostFormInput['channel']) : otherChannel,
    otherChannelName: listed ? '' : post.channel,
    caption: post.caption,
    mediaIds: post.mediaIds,
    purpose: post.purpose,
    thirdPartyPays: post.thirdPartyPays,
    sponsor: post.sponsor ?? '',
    extraContentKinds: post.extraContentKinds,
  };
}

/** Field names of the call's input that the backend may name in its issues, mapped to the editor's fields. */
export const postFieldOf = {
  testimonialId: 'testimonialId',
  consentId: 'consentId',
  channel: 'channel',
  caption: 'caption',
  mediaIds: 'mediaIds',
  purpose: 'purpose',
  thirdPartyPays: 'thirdPartyPays',
  sponsor: 'sponsor',
  extraContentKinds: 'extraContentKinds',
} as const;
