/** Says what `passwordSchema` asks for, before anyone gets it wrong. */
export const passwordHint = 'At least 12 characters. A few unrelated words make a strong password that is easy to remember.';
