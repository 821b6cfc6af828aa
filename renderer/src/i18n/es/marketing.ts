import type { SameKeys } from '../catalogue-shape';
import type { marketing as en } from '../en/marketing';

export const marketing = {
  consentScopeSummary: {
    content: 'Contenido',
    none: 'Ninguno',
    channels: 'Canales',
    purposes: 'Fines',
    paidByAThirdParty: 'Pagado por un tercero',
    notStatedUnpaidPostsOnly: 'No indicado: solo publicaciones no pagadas',
    revokedOn: 'Revocado el {{day}}',
    expiredOn: 'Venció el {{day}}',
    expiresOn: 'Vence el {{day}}',
    endedOn: 'Terminó el {{day}} ({{event}})',
    endsWhen: 'Termina cuando: {{event}}',
    allowed: 'Permitido',
  },
} as const satisfies SameKeys<typeof en>;
