import type { SameKeys } from '../catalogue-shape';
import type { replies as en } from '../en/replies';

export const replies = {
  reviewRepliesPage: {
    reviewReplies: 'Respuestas a reseñas',
    replyingToAnOnlineReview: 'Al responder a una reseña en línea no se debe confirmar que quien la escribe es paciente ni mencionar su atención, aunque lo sea. Pegue su respuesta, en inglés o en español, para comprobarla. Cada respuesta comprobada se guarda cifrada, con el resultado y su nombre, como constancia del consultorio de que las respuestas se revisan.',
    yourReply: 'Su respuesta',
    theTextYouPlanTo: 'El texto que piensa publicar bajo la reseña.',
    checkReply: 'Comprobar la respuesta',
    isThisReplySafeTo: '¿Es segura esta respuesta para publicarla?',
    checkAReplyToSee: 'Compruebe una respuesta para ver aquí el resultado.',
    safeToPostNothingIn: 'Se puede publicar: nada en ella confirma a un paciente ni menciona su atención.',
    changeThisReplyBeforePosting: 'Cambie esta respuesta antes de publicarla:',
    concern: 'problema',
    concerns: 'problemas',
    theReplyAsCheckedWith: 'La respuesta tal como se comprobó, con cada problema marcado',
    theSafePattern: 'El modelo seguro',
    thankTheReviewerStayGeneral: 'Agradezca la reseña, manténgase en lo general e invite a la persona a llamar. Por ejemplo:',
    useThisReplyEnglish: 'Usar esta respuesta (inglés)',
    useThisReplySpanish: 'Usar esta respuesta (español)',
  },
} as const satisfies SameKeys<typeof en>;
