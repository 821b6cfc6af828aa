import type { SameKeys } from '../catalogue-shape';
import type { dashboard as en } from '../en/dashboard';

export const dashboard = {
  expiringItem: {
    expiresOn: '· vence el',
    tomorrow: 'mañana',
    post: 'publicación (',
    noPostReliesOnIt: 'Ninguna publicación depende de él.',
    postsRelyingOn: 'Publicaciones que dependen del consentimiento de {{name}}',
    inDays: 'en {{count}} días',
  },
  expiringConsents: {
    none: 'Ninguno.',
  },
  showingFirst: 'Se muestran los primeros {{shown}} de {{total}}, los más urgentes primero.',
  glance: {
    marketing: 'Marketing',
    checkingPosts: 'Comprobando publicaciones…',
    noPublishedPostNeedsTo: 'Ninguna publicación tiene que retirarse.',
    openTheMarketingDashboard: 'Abrir el panel de marketing',
    takedowns_one: 'Hay que retirar {{count}} publicación.',
    takedowns_other: 'Hay que retirar {{count}} publicaciones.',
    expiring_one: '{{count}} consentimiento vence en los próximos 30 días.',
    expiring_other: '{{count}} consentimientos vencen en los próximos 30 días.',
  },
  marketingDashboardPage: {
    marketingDashboard: 'Panel de marketing',
    loadingTheDashboard: 'Cargando el panel…',
    takeDownRequired: 'Hay que retirar (',
    theConsentBehindThesePublished: 'El consentimiento de estas publicaciones se revocó o venció. Quite cada publicación de su canal y luego registre aquí la retirada.',
    toReviewThePatientCame: 'Para revisar: el paciente alcanzó la mayoría de edad (',
    aParentSignedTheConsent: 'Un padre o tutor firmó el consentimiento de estas publicaciones, y el paciente ya es mayor de edad. Lo ya publicado con la autorización del padre o tutor sigue siendo lícito, así que las publicaciones no se retiran automáticamente; el consentimiento no cubre nada nuevo. Revise cada publicación y pida a recepción una autorización nueva firmada por el paciente antes de cualquier uso nuevo.',
    consentsExpiringSoon: 'Consentimientos que vencen pronto',
    postsRelyingOnTheseConsents: 'El día en que vence un consentimiento, las publicaciones que dependen de él aparecen arriba entre las retiradas: alguien debe quitar cada una de donde se publicó y luego registrarlo aquí. Pida a recepción una renovación antes de ese día.',
    postsByState: 'Publicaciones por estado',
    allPosts: 'Todas las publicaciones',
    testimonials: 'Testimonios',
  },
  takedownList: {
    noPublishedPostNeedsTo: 'Ninguna publicación tiene que retirarse.',
    on: 'en',
    at: 'en',
    why: 'Por qué:',
    flagged: 'Señalada',
    recordTakeDown: 'Registrar la retirada',
    of: 'de',
    openPost: 'Abrir la publicación',
    publishedOn: ' · publicada el {{day}}',
  },
  buckets: {
    within30: 'En los próximos 30 días',
    within60: 'Dentro de 31 a 60 días',
    within90: 'Dentro de 61 a 90 días',
  },
} as const satisfies SameKeys<typeof en>;
