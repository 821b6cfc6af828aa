import type { SameKeys } from '../catalogue-shape';
import type { compliance as en } from '../en/compliance';

export const compliance = {
  complianceLinks: {
    auditsAndRecords: 'Auditorías y registros',
  },
} as const satisfies SameKeys<typeof en>;
