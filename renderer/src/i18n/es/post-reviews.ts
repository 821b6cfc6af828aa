import type { SameKeys } from '../catalogue-shape';
import type { postReviews as en } from '../en/post-reviews';

export const postReviews = {
  postReviewThread: {
    askBeforePosting: 'Consultar antes de publicar',
    thePostChangedSinceThe: 'La publicación cambió desde la última solicitud o respuesta.',
    unsureWhetherThisPostIs: '¿No está seguro de que esta publicación esté bien? Envíela al responsable de privacidad antes de aprobarla o publicarla.',
    yourAnswer: 'Su respuesta',
    messageToMarketing: 'Mensaje para marketing',
    whatShouldThePrivacyOfficer: '¿Qué debería mirar el responsable de privacidad?',
    comment: 'Comentario',
    sendTheAnswer: 'Enviar la respuesta',
    sendForReview: 'Enviar a revisión',
    addTheComment: 'Añadir el comentario',
  },
  postReviewsPage: {
    askBeforePosting: 'Consultar antes de publicar',
    draftsMarketingSentForYour: 'Borradores que marketing envió para su revisión. Abra uno para leerlo con la comprobación de su consentimiento y luego apruébelo, recházelo o coméntelo.',
    loading: 'Cargando…',
    nothingWasSentForReview: 'No se envió nada a revisión.',
    postsSentForReview: 'Publicaciones enviadas a revisión',
    post: 'Publicación',
    asked: 'Solicitada',
    state: 'Estado',
    caption: 'Texto',
    on: 'en',
    changedSince: ' (cambió desde entonces)',
  },
} as const satisfies SameKeys<typeof en>;
