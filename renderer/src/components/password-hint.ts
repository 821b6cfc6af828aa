import { i18n } from '../i18n/i18n';

/** Says what `passwordSchema` and the backend's strength check ask for, before anyone gets it wrong. */
export function passwordHint(): string {
  return i18n.t('components:passwordHint');
}
