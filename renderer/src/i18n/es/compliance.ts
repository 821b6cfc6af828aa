import type { SameKeys } from '../catalogue-shape';
import type { compliance as en } from '../en/compliance';

export const compliance = {
  complianceLinks: {
    auditsAndRecords: 'Auditorías y registros',
    what: {
      auditExport: 'un paquete firmado que un auditor puede comprobar',
      reports: 'publicaciones sin cobertura, consentimientos que vencen, revocaciones, actividad del personal',
      retention: 'lo que se puede eliminar pasados seis años',
      backups: 'copias cifradas, su horario y cómo restaurar una',
    },
  },
} as const satisfies SameKeys<typeof en>;
