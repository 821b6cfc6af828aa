import type { SameKeys } from '../catalogue-shape';
import type { settings as en } from '../en/settings';

export const settings = {
  settingsForm: {
    practiceName: 'Nombre del consultorio',
    practiceAddress: 'Dirección del consultorio',
    wherePatientsSendAWritten: 'Adonde los pacientes envían una revocación por escrito: calle, ciudad, estado y código postal. Cada autorización la imprime, y el comprobador de respuestas la deja pasar en una respuesta a una reseña.',
    emailForRevocationsOptional: 'Correo para revocaciones (opcional)',
    ifThePracticeAcceptsRevocations: 'Si el consultorio acepta revocaciones por correo electrónico, las autorizaciones imprimen esta dirección junto a la postal. El comprobador de respuestas la deja pasar en una respuesta a una reseña.',
    lockAfterMinutes: 'Bloquear tras (minutos)',
    consentDeskLocksItselfAfter: 'Consent Desk se bloquea solo tras estos minutos sin actividad, de 1 a 60.',
    ageOfMajority: 'Mayoría de edad',
    setByStateLaw18: 'La fija la ley estatal: 18 en la mayoría de los estados, 19 en Alabama y Nebraska, 21 en Misisipi. Los pacientes más jóvenes necesitan que firme un representante.',
    thePracticeSOtherPublic: 'Otros datos públicos de contacto del consultorio',
    reviewRepliesThatGiveThese: 'Las respuestas a reseñas que dan estos datos, o la dirección y el correo de arriba, siguen el modelo seguro: el comprobador no las señala.',
    phoneOptional: 'Teléfono (opcional)',
    websiteOptional: 'Sitio web (opcional)',
    saveSettings: 'Guardar la configuración',
  },
  settingsPage: {
    settings: 'Configuración',
    loadingSettings: 'Cargando la configuración…',
  },
  storeHealthSection: {
    theStore: 'El almacén',
    theFullCheckReadsEvery: 'La comprobación completa lee cada página del archivo de datos, todo el registro de auditoría y cada PDF firmado, y compara el archivo de claves con la lista del personal. En un almacén grande tarda un momento.',
    noProblemsEveryPageRead: 'Sin problemas: se leyeron todas las páginas,',
    auditEvents: 'eventos de auditoría,',
    storedFilesChecked: 'archivos guardados comprobados.',
    theCheckFound: 'La comprobación encontró',
    problemS: 'problema(s):',
    checkTheStoreNow: 'Comprobar el almacén ahora',
    recoveryKey: 'Clave de recuperación',
    issueANewRecoveryKey: 'Emita una clave de recuperación nueva cuando alguien que no debería pueda conocer la antigua. Se renueva la clave de datos y se vuelven a sellar las copias de la carpeta de copias de seguridad, así que la clave antigua ya no abre nada. La clave nueva se muestra una sola vez: imprímala o guárdela en un lugar seguro.',
    yourPassword: 'Su contraseña',
    newRecoveryKeyShownOnce: 'Clave de recuperación nueva (se muestra una vez):',
    issueANewRecoveryKey2: 'Emitir una clave de recuperación nueva',
  },
} as const satisfies SameKeys<typeof en>;
