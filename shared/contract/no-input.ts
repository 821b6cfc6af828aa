import { z } from 'zod';

/** The input of a call that takes none: an empty object, and nothing else. */
export const noInput = z.object({}).strict();
