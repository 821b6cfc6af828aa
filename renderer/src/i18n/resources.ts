import { common as enCommon } from './en/common';
import { session as enSession } from './en/session';
import { errors as enErrors } from './en/errors';
import { help as enHelp } from './en/help';
import { shell as enShell } from './en/shell';
import { common as esCommon } from './es/common';
import { session as esSession } from './es/session';
import { errors as esErrors } from './es/errors';
import { help as esHelp } from './es/help';
import { shell as esShell } from './es/shell';

/**
 * Every catalogue of the staff UI, one namespace per feature (a file each
 * under en/ and es/), so features add their own without touching others'.
 * Patient-facing texts are not here: they live in shared/patient-language,
 * with the documents they belong to.
 */
export const resources = {
  en: { session: enSession, common: enCommon, errors: enErrors, help: enHelp, shell: enShell },
  es: { session: esSession, common: esCommon, errors: esErrors, help: esHelp, shell: esShell },
} as const;

export type Namespace = keyof (typeof resources)['en'];
