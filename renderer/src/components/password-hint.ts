/** Says what `passwordSchema` and the backend's strength check ask for, before anyone gets it wrong. */
export const passwordHint =
  'At least 12 characters. A few unrelated words make a strong password that is easy to remember; common passwords and ones built from your name are refused.';
