import { permissionLabels, roleLabels } from '../../../../shared/roles';

/** Words many screens share. */
export const common = {
  productName: 'Consent Desk',
  goHome: 'Go to Home',
  cancel: 'Cancel',
  close: 'Close',
  save: 'Save',
  saving: 'Saving…',
  loading: 'Loading…',
  yes: 'Yes',
  no: 'No',
  none: 'None',
  back: 'Back',
  search: 'Search',
  required: 'required',
  language: { en: 'English', es: 'Spanish' },
  // The English names are shared/roles.ts's own; the Spanish file must name each one.
  roles: roleLabels,
  permissions: permissionLabels,
  minutes_one: '{{count}} minute',
  minutes_other: '{{count}} minutes',
} as const;
