import type { z } from 'zod';
import { contract } from '../../../../shared/contract';
import { i18n } from '../../i18n/i18n';

/** The reply, as `replies.check` takes it; an empty one is not worth a call. */
export const replyFormSchema = contract['replies.check'].input.extend({
  text: contract['replies.check'].input.shape.text.refine((text) => text.trim().length > 0, { error: () => i18n.t('validation:reply.text') }),
});
export type ReplyFormInput = z.input<typeof replyFormSchema>;
export type ReplyFormValues = z.output<typeof replyFormSchema>;
