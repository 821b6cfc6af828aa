import type { SameKeys } from '../catalogue-shape';
import type { home as en } from '../en/home';

export const home = {
  workQueues: {
    loadingYourWork: 'Cargando su trabajo…',
    yourWorkToday: 'Su trabajo de hoy',
    groups: {
      front_desk: 'Trabajo de recepción',
      marketing: 'Trabajo de marketing',
      privacy: 'Trabajo de la oficina de privacidad',
    },
    queues: {
      drafts_to_sign: {
        title: 'Borradores que esperan una firma',
        empty: 'No hay borradores esperando.',
      },
      awaiting_witness: {
        title: 'Firmadas, esperando al testigo',
        empty: 'Ninguna firma espera a un testigo.',
      },
      expiring_soon: {
        title: 'Terminan en los próximos 30 días: renovar',
        empty: 'Ninguna autorización termina en los próximos 30 días.',
      },
      events_to_record: {
        title: 'Evento de fin que comprobar y registrar',
        empty: 'Ninguna autorización espera su evento de fin.',
      },
      takedowns_required: {
        title: 'Publicaciones que retirar',
        empty: 'Ninguna publicación tiene que retirarse.',
      },
      posts_to_review: {
        title: 'Publicaciones en línea que revisar',
        empty: 'Ninguna publicación en línea necesita revisión.',
      },
      posts_to_approve: {
        title: 'Borradores de publicación que comprobar y aprobar',
        empty: 'No hay borradores de publicación esperando.',
      },
      posts_to_publish: {
        title: 'Publicaciones aprobadas que publicar',
        empty: 'No hay publicaciones aprobadas esperando.',
      },
      live_without_coverage: {
        title: 'Publicaciones en línea que su consentimiento no cubre',
        empty: 'Su consentimiento cubre todas las publicaciones en línea.',
      },
      revocations_recent: {
        title: 'Revocaciones recibidas en los últimos 30 días',
        empty: 'Ninguna revocación en los últimos 30 días.',
      },
    },
    since: {
      prepared: 'Preparada el {{day}}',
      signed: 'Firmada el {{day}}',
      inEffectSince: 'Vigente desde el {{day}}',
      flagged: 'Señalada el {{day}}',
      changed: 'Cambiada el {{day}}',
      approved: 'Aprobada el {{day}}',
      published: 'Publicada el {{day}}',
      received: 'Recibida el {{day}}',
    },
    endsToday: 'Termina el {{day}} (hoy es su último día)',
    endsInDays_one: 'Termina el {{day}} (en {{count}} día)',
    endsInDays_other: 'Termina el {{day}} (en {{count}} días)',
    postOn: 'Publicación en {{channel}}',
    post: 'Publicación',
    showingFirst_one: 'Se muestra {{shown}} de {{total}}.',
    showingFirst_other: 'Se muestran {{shown}} de {{total}}.',
  },
  homePage: {
    home: 'Inicio',
    whatYourRoleCanDo: 'Lo que su rol puede hacer',
    welcomeAt: 'Le damos la bienvenida, {{name}}. Ha iniciado sesión en {{practice}} como {{role}}.',
    welcomeNoPractice: 'Le damos la bienvenida, {{name}}. Ha iniciado sesión como {{role}}.',
    lockNote_one: 'Consent Desk se bloquea solo tras {{count}} minuto sin actividad. Use <strong>Bloquear</strong> arriba cuando se aleje, y <strong>Cerrar sesión</strong> cuando termine.',
    lockNote_other: 'Consent Desk se bloquea solo tras {{count}} minutos sin actividad. Use <strong>Bloquear</strong> arriba cuando se aleje, y <strong>Cerrar sesión</strong> cuando termine.',
  },
} as const satisfies SameKeys<typeof en>;
