import type { z } from 'zod';
import { contract } from '../../../../shared/contract';

/** The reply, as `replies.check` takes it; an empty one is not worth a call. */
export const replyFormSchema = contract['replies.check'].input.extend({
  text: contract['replies.check'].input.shape.text.refine((text) => text.trim().length > 0, 'Paste or type the reply you plan to post.'),
});
export type ReplyFormInput = z.input<typeof replyFormSchema>;
export type ReplyFormValues = z.output<typeof replyFormSchema>;
