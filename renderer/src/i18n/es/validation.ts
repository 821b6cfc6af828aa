import type { SameKeys } from '../catalogue-shape';
import type { validation as en } from '../en/validation';

export const validation = {
  atMostCharacters: 'Use como máximo {{max}} caracteres.',
  dayLike: 'Escriba una fecha como 2026-01-31.',
  chooseFirstDay: 'Elija el primer día.',
  chooseLastDay: 'Elija el último día.',
  dayInOrder: 'Elija un día igual o posterior al día «Desde».',
  passwordMismatch: 'No coincide con la contraseña de arriba.',
  post: {
    chooseChannel: 'Elija dónde aparecerá la publicación.',
    nameOtherChannel: 'Escriba el nombre del canal, como «Pantalla de la sala de espera».',
    identifierReason: 'Escriba el motivo en una frase: ¿por qué puede salir este identificador?',
    chooseTestimonial: 'Elija un testimonio.',
  },
  backups: {
    everyHours: 'Escriba un número de horas entre 1 y 168 (24 es a diario).',
    keep: 'Escriba cuántas copias de seguridad conservar, entre 1 y 365.',
    password: 'Escriba su contraseña tal como era cuando se hizo la copia de seguridad.',
    recoveryKey: 'Escriba la clave de recuperación que se mostró al configurar Consent Desk.',
  },
  authorization: {
    language: 'Elija el idioma.',
    otherChannels: 'Indique como máximo 10 canales más.',
    otherPurposes: 'Indique como máximo 5 fines más.',
    conditions: 'Indique como máximo 10 afecciones.',
    expirationDate: 'Elija el día en que termina esta autorización, o describa un evento en su lugar.',
    scanType: 'Adjunte el documento escaneado como archivo PDF, PNG o JPEG.',
    scanSize: 'El documento escaneado ocupa más de 20 MB.',
  },
  presets: {
    contentKinds: 'Marque al menos un tipo de contenido.',
    channels: 'Marque al menos un lugar.',
    purposes: 'Marque al menos un fin.',
    months: 'Escriba un número de meses entre 1 y 120, o déjelo vacío.',
  },
  settings: {
    idleMinutes: 'Escriba un número de minutos entre 1 y 60.',
    patientModeIdleMinutes: 'Escriba un número de minutos entre 5 y 120.',
    ageOfMajority: 'Escriba una edad entre 16 y 21.',
  },
  media: {
    chooseFile: 'Elija un archivo para importar.',
    emptyFile: 'Ese archivo está vacío. Elija otro.',
    tooLarge: 'Ese archivo ocupa {{megabytes}} MB; el límite es 50 MB. Elija un archivo más pequeño o acorte el video.',
  },
  testimonial: {
    patient: 'Elija el paciente del que trata el testimonio.',
  },
  reply: {
    text: 'Pegue o escriba la respuesta que piensa publicar.',
  },
} as const satisfies SameKeys<typeof en>;
