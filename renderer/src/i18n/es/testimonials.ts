import type { SameKeys } from '../catalogue-shape';
import type { testimonials as en } from '../en/testimonials';

export const testimonials = {
  mediaImportForm: {
    file: 'Archivo',
    aPhotoJpegPngWebp: 'Una foto (JPEG, PNG, WebP), un video (MP4, MOV, WebM) o un audio, de hasta 50 MB.',
    kind: 'Tipo',
    photo: 'Foto',
    video: 'Video',
    audio: 'Audio',
    beforeAndAfterImage: 'Imagen de antes y después',
    importFile: 'Importar el archivo',
  },
  mediaItem: {
    saveACopy: 'Guardar una copia',
    of: 'de',
  },
  newTestimonialForm: {
    recordATestimonial: 'Registrar un testimonio',
    findAPatient: 'Buscar un paciente',
    typePartOfAName: 'Escriba parte de un nombre. Solo se listan pacientes con un consentimiento firmado.',
    patient: 'Paciente',
    loadingPatients: 'Cargando pacientes…',
    title: 'Título',
    aFewWordsToRecognise: 'Unas palabras para reconocerlo, como «De nuevo en las escaleras».',
    quoteOrStory: 'Cita o historia',
    thePatientSOwnWords: 'Las propias palabras del paciente, tal como las dio.',
    recordTestimonial: 'Registrar el testimonio',
  },
  testimonialCard: {
    recorded: '· registrado',
    media: 'Archivos (',
    noPhotosVideosOrAudio: 'Todavía no hay fotos, videos ni audios.',
    importAPhotoVideoOr: 'Importar una foto, un video o un audio',
    planAPost: 'Planear una publicación',
    with: 'con «',
  },
  testimonialsPage: {
    testimonials: 'Testimonios',
    aPatientSQuoteOr: 'La cita o historia de un paciente y sus fotos, videos o audios. Las fotos pierden al importarse su posición GPS, sus fechas y los datos de la cámara; lo que se puede publicar se decide en cada publicación, según el consentimiento del paciente.',
    recordedTestimonials: 'Testimonios registrados',
    loadingTestimonials: 'Cargando testimonios…',
    noTestimonialsYet: 'Todavía no hay testimonios.',
    recordTheFirstOneBelow: ' Registre el primero abajo.',
  },
} as const satisfies SameKeys<typeof en>;
