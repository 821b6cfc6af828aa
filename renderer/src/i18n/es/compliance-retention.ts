import type { SameKeys } from '../catalogue-shape';
import type { complianceRetention as en } from '../en/compliance-retention';

export const complianceRetention = {
  purgeDialog: {
    thisDeletesTheSignedAuthorization: 'Esto elimina la autorización firmada',
    andItsRevocationAcknowledgment: ' y su acuse de revocación',
    for: 'de',
    forGoodItCannotBe: 'para siempre. No se puede deshacer, salvo restaurando una copia de seguridad anterior.',
    postsThatReliedOnIt: 'Las publicaciones que dependían de ella conservan su historial, con el identificador del consentimiento y el SHA-256 de su PDF. La eliminación queda en el registro de auditoría.',
    cancel: 'Cancelar',
    purgeAuthorization: 'Eliminar la autorización',
  },
  retentionPage: {
    retention: 'Conservación',
    hipaaRequiresASignedAuthorization: 'HIPAA exige conservar una autorización firmada, y cualquier revocación de ella, durante seis años desde que se creó o desde que estuvo vigente por última vez, lo que sea posterior. Después, un administrador puede eliminarla. Consent Desk rechaza una eliminación antes de tiempo y registra cada eliminación en el registro de auditoría.',
    showOnlyAuthorizationsThatMay: 'Mostrar solo las autorizaciones que se pueden eliminar hoy',
    reviewedOn: 'Revisado el',
    signedAuthorizationS: 'autorización(es) firmada(s),',
    mayBePurged: 'se pueden eliminar',
    signedAuthorizationsAndTheirRetention: 'Autorizaciones firmadas y su conservación',
    authorizationsThatMayBePurged: 'Autorizaciones que se pueden eliminar',
    signedAuthorizations: 'Autorizaciones firmadas',
    patient: 'Paciente',
    signed: 'Firmada',
    revoked: 'Revocada',
    mayBePurged2: 'Se puede eliminar',
    why: 'Por qué',
    action: 'Acción',
    purge: 'Eliminar',
    sAuthorization: ': autorización',
    kept: 'Se conserva',
    noAuthorizationMayBePurged: 'Hoy no se puede eliminar ninguna autorización: todas siguen dentro de sus seis años o vigentes.',
    noSignedAuthorizationYet: 'Todavía no hay ninguna autorización firmada.',
    reviewingEverySignedAuthorization: 'Revisando cada autorización firmada…',
  },
} as const satisfies SameKeys<typeof en>;
