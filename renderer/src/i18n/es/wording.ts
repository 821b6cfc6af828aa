import type { SameKeys } from '../catalogue-shape';
import type { wording as en } from '../en/wording';

export const wording = {
  fields: {
    title: 'Título',
    intro: 'Introducción',
    information: {
      heading: '1. Qué información se puede usar: encabezado',
      body: '1. Qué información se puede usar: texto',
    },
    discloser: {
      heading: '2. Quién puede usarla y compartirla: encabezado',
      body: '2. Quién puede usarla y compartirla: texto',
    },
    recipients: {
      heading: '3. Dónde puede aparecer: encabezado',
      body: '3. Dónde puede aparecer: texto',
    },
    purposes: {
      heading: '4. Para qué se usará: encabezado',
      body: '4. Para qué se usará: texto',
    },
    expiration: {
      heading: '5. Cuándo termina: encabezado',
      onDate: '5. Cuándo termina: frase para una fecha',
      onEvent: '5. Cuándo termina: frase para un evento',
    },
    remuneration: {
      heading: 'Pago (remuneración): encabezado',
      body: 'Pago (remuneración): texto',
    },
    revocation: {
      heading: 'Derecho a revocar: encabezado',
      body: 'Derecho a revocar: texto',
    },
    noConditioning: {
      heading: 'El tratamiento no depende de firmar: encabezado',
      body: 'El tratamiento no depende de firmar: texto',
    },
    redisclosure: {
      heading: 'Nueva divulgación: encabezado',
      body: 'Nueva divulgación: texto',
    },
    copy: {
      heading: 'La copia del paciente: encabezado',
      body: 'La copia del paciente: texto',
    },
    representative: {
      heading: 'Representante personal: encabezado',
      body: 'Representante personal: texto',
    },
    signature: {
      heading: 'Firma: encabezado',
      body: 'Firma: declaración para una firma electrónica',
      onPaper: 'Firma: declaración en el formulario en papel',
    },
  },
  wordingDiff: {
    noChangeYetTheDraft: 'Todavía sin cambios: el borrador es la redacción vigente.',
    added: '[añadido:',
    removed: '[quitado:',
  },
  wordingPage: {
    wording: 'Redacción',
    loadingTheWording: 'Cargando la redacción…',
    theTextOfTheMarketing: 'El texto de la autorización de marketing, en cada idioma que pueden leer los pacientes. Edite un borrador de la próxima versión, revise la vista previa y lo que cambia, y publíquelo: las autorizaciones preparadas desde entonces lo usan, y las ya firmadas conservan el suyo.',
    language: 'Idioma',
    versions: 'versiones',
    version: 'Versión',
    published: 'Publicada',
    state: 'Estado',
    inForce: 'Vigente',
    earlierVersionKeptForWhat: 'Versión anterior (se conserva por lo que se firmó con ella)',
  },
  wordingEditor: {
    draftOf: 'Borrador de la',
    version: 'versión',
    placeholdersInDoubleBracesAre: 'Los marcadores entre llaves dobles se rellenan para cada paciente, como',
    theListOfWhatMay: '(la lista de lo que se puede usar) o',
    theLastDayInEffect: '(el último día de vigencia). Mantenga todos los que piden las normas.',
    completeEveryRequiredStatementAnd: 'Completo: cada declaración y marcador obligatorios están en el borrador.',
    publish: 'Publicar',
    startAgainFromVersion: 'Empezar de nuevo desde la versión',
    changesFromVersion: 'Cambios respecto a la versión',
    previewWithASamplePatient: 'Vista previa con un paciente de ejemplo',
    samSampleSignedForBy: 'Sam Sample, firmado por un padre o tutor, con un patrocinador que paga: se muestran todas las secciones.',
    partsMissing_one: 'Falta {{count}} parte; todavía no se puede publicar:',
    partsMissing_other: 'Faltan {{count}} partes; todavía no se puede publicar:',
  },
} as const satisfies SameKeys<typeof en>;
