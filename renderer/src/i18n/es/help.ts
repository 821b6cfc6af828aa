import type { SameKeys } from '../catalogue-shape';
import type { help as en } from '../en/help';

export const help = {
  keys: 'F1 abre esta ayuda en cualquier pantalla; Escape la cierra.',
  pages: {
    home: {
      what: 'Inicio es donde empieza cada día: lo que le espera según su rol y el acceso al resto de la aplicación.',
      how: 'Use la navegación de la izquierda para llegar a cada pantalla que su rol puede usar. Bloquee la aplicación (Bloquear, arriba a la derecha) siempre que deje el escritorio; también se bloquea sola tras unos minutos sin actividad.',
    },
    patients: {
      what: 'Pacientes guarda la identidad de cada paciente y las autorizaciones de marketing que firmó o que se le pidió firmar.',
      how: 'Busque por nombre, fecha de nacimiento o número de expediente, abra un paciente y prepare una autorización: elija qué cubre, entregue la pantalla al paciente para que la lea y la firme, y sea testigo de la firma. Un formulario en papel se puede registrar con su escaneo.',
    },
    marketing: {
      what: 'El panel de marketing muestra las publicaciones que quizá ya no cubra un consentimiento, los consentimientos a punto de terminar y el estado de cada publicación.',
      how: 'Atienda primero la lista de retiradas: una publicación cuya autorización se revocó o venció debe retirarse, y usted registra cuándo se hizo.',
    },
    testimonials: {
      what: 'Los testimonios son las palabras, fotos o videos de un paciente que marketing quisiera usar.',
      how: 'Añada un testimonio para un paciente, importe sus archivos y vincúlelo a la autorización que lo cubre. Solo los testimonios cubiertos se pueden usar en una publicación.',
    },
    posts: {
      what: 'Las publicaciones son lo que publica el consultorio. Cada una se comprueba con la autorización del paciente antes y después de salir.',
      how: 'Escriba la publicación, elija sus archivos y su consentimiento, y lea la comprobación. Publique solo cuando la comprobación sea correcta; registre el enlace cuando esté en línea. Si un consentimiento termina, retire la publicación y regístrelo.',
    },
    replies: {
      what: 'Respuestas a reseñas comprueba una respuesta a una reseña en línea antes de publicarla, para que no confirme que alguien es paciente.',
      how: 'Pegue la reseña y su borrador de respuesta; la comprobación indica qué quitar. Mantenga las respuestas generales e invite a la persona a llamar al consultorio.',
    },
    staff: {
      what: 'Personal es donde un administrador añade personas, elige su rol, restablece contraseñas y desactiva cuentas.',
      how: 'Dé a cada persona su propia cuenta con el rol mínimo que necesite. Desactive las cuentas de quienes se van; sus acciones pasadas quedan en el registro de auditoría.',
    },
    audit: {
      what: 'El registro de auditoría anota cada acción en la aplicación: quién hizo qué, cuándo y en qué registro. No se puede editar.',
      how: 'Filtre por persona, acción o fechas. Verifique la cadena para demostrar que nada se cambió ni se quitó desde que se escribió.',
    },
    auditExport: {
      what: 'Exportar para auditoría crea un paquete firmado de autorizaciones, revocaciones, publicaciones y eventos de auditoría para un auditor o abogado.',
      how: 'Elija el periodo y qué incluir, inicie la exportación y guarde el archivo en un lugar seguro: contiene información de pacientes. Cualquiera puede verificar un paquete aquí.',
    },
    reports: {
      what: 'Los informes responden a las preguntas habituales del responsable de privacidad: publicaciones sin cobertura, revocaciones, consentimientos que vencen y actividad del personal.',
      how: 'Elija el periodo, lea cada sección y descárguela cuando necesite una copia.',
    },
    retention: {
      what: 'Conservación lista los registros firmados que se guardan seis años después de dejar de estar vigentes, una vez cumplido ese plazo.',
      how: 'Revise la lista y elimine lo que corresponda. Cada eliminación queda en la auditoría y no se puede deshacer.',
    },
    backups: {
      what: 'Las copias de seguridad son copias cifradas de todo el almacén, hechas a petición o según un horario.',
      how: 'Fije un horario y una carpeta en otro disco, compruebe que las copias salen bien y practique una restauración de vez en cuando.',
    },
    wording: {
      what: 'Redacción es el texto de la autorización que firman los pacientes, en inglés y en español.',
      how: 'Cámbielo con cuidado: cada versión se guarda, y cada autorización conserva el texto exacto que firmó su paciente.',
    },
    presets: {
      what: 'Las plantillas son alcances ya preparados para autorizaciones frecuentes (contenido, canales, finalidad, duración), guardados por versiones.',
      how: 'Elija una en el editor de autorizaciones para rellenar el alcance; el paciente sigue leyendo y firmando el texto completo. Editar una plantilla añade una versión nueva; retirarla deja legibles las anteriores.',
    },
    settings: {
      what: 'Configuración guarda los datos del consultorio impresos en cada autorización, el tiempo de bloqueo por inactividad, la zona horaria y el estado del almacén.',
      how: 'Mantenga al día la dirección para revocaciones: los pacientes envían allí sus revocaciones por escrito.',
    },
    account: {
      what: 'Mi cuenta es suya: su contraseña, su idioma y su tema.',
      how: 'Elija una contraseña larga que solo usted conozca. El idioma y el tema también están en el menú Cuenta, arriba.',
    },
    program: {
      what: 'El programa de cumplimiento muestra cómo está el consultorio: aceptaciones de la política, formación, revisiones de publicaciones en línea e incidentes.',
      how: 'Atienda primero lo atrasado; cada elemento lleva a la pantalla donde se hace.',
    },
    ourPolicy: {
      what: 'La política de redes sociales del consultorio, tal como todo el personal debe leerla y aceptarla.',
      how: 'Léala hasta el final y acéptela cuando se le pida; una versión nueva lo vuelve a pedir.',
    },
    dosAndDonts: {
      what: 'La versión breve de la política: lo que el personal puede y no puede publicar sobre pacientes.',
      how: 'Si tiene dudas, no publique: pida una revisión antes de publicar.',
    },
    policyVersions: {
      what: 'Cada versión de la política de redes sociales, con quién aceptó cada una.',
      how: 'Redacte la próxima versión, compruebe que está completa y publíquela; al personal se le pide aceptarla en su próximo inicio de sesión.',
    },
    training: {
      what: 'Formación registra quién recibió formación sobre la política, cuándo y con qué material.',
      how: 'Registre cada sesión con sus asistentes; el estado muestra a quién le toca de nuevo.',
    },
    quiz: {
      what: 'Un cuestionario breve sobre la política, para comprobar lo que recuerda.',
      how: 'Responda todas las preguntas; su resultado queda registrado.',
    },
    liveReviews: {
      what: 'Revisiones de publicaciones en línea: un repaso periódico de lo publicado en cada canal.',
      how: 'Recorra cada canal según el calendario, anote lo que requiere acción y complete la revisión.',
    },
    postReviews: {
      what: 'Consultar antes de publicar: solicitudes del personal para revisar una publicación antes de que salga.',
      how: 'Lea la solicitud, comente si hace falta y apruébela o recházela con un motivo.',
    },
    incidents: {
      what: 'Los incidentes son posibles violaciones de la privacidad, como una publicación que nombró a un paciente.',
      how: 'Abra un incidente en cuanto lo sepa, evalúe el riesgo, decida sobre la notificación y registre lo hecho antes de cerrarlo.',
    },
    notFound: {
      what: 'No hay ninguna pantalla en esta dirección.',
      how: 'Use la navegación de la izquierda o vaya a Inicio.',
    },
  },
} as const satisfies SameKeys<typeof en>;
