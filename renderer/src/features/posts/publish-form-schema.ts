import type { z } from 'zod';
import { contract } from '../../../../shared/contract';

/** Recording a publication checks what `posts.publish` checks: the day and the post's address. */
export const publishFormSchema = contract['posts.publish'].input.omit({ id: true });
export type PublishFormInput = z.input<typeof publishFormSchema>;
export type PublishFormValues = z.output<typeof publishFormSchema>;
