import type { SameKeys } from '../catalogue-shape';
import type { session as en } from '../en/session';

export const session = {
  signInForm: {
    signIn: 'Iniciar sesión',
    ifThisOlderCopyWas: 'Si esta copia más antigua se restituyó a propósito, un administrador puede aceptarla.',
    acceptThisOlderStore: 'Aceptar este almacén más antiguo…',
    username: 'Usuario',
    password: 'Contraseña',
    forgotTheAdministratorPassword: '¿Olvidó la contraseña del administrador?',
    useTheRecoveryKey: 'Usar la clave de recuperación',
  },
  recoveryForm: {
    recoverAccessWithTheRecovery: 'Recuperar el acceso con la clave de recuperación',
    enterTheRecoveryKeyYou: 'Escriba la clave de recuperación que guardó al configurar Consent Desk y elija una contraseña nueva para un administrador.',
    recoveryKey: 'Clave de recuperación',
    '52LettersAndDigitsIn': '52 letras y cifras en grupos de cuatro, con o sin los guiones.',
    administratorUsername: 'Usuario del administrador',
    setNewPasswordAndSign: 'Fijar la contraseña nueva e iniciar sesión',
    backToSignIn: 'Volver al inicio de sesión',
  },
  acceptRollbackForm: {
    acceptAnOlderCopyOf: 'Aceptar una copia más antigua del almacén',
    doThisOnlyIfThe: 'Hágalo solo si la copia más antigua se restituyó a propósito. Nada de lo registrado después de hacerse esa copia está en ella. Su nombre, el motivo y lo que era más antiguo quedan en el registro de auditoría, y cada administrador ve una alerta. Si usted no la restituyó, no la acepte: restaure en su lugar la copia de seguridad buena más reciente.',
    administratorUsername: 'Usuario del administrador',
    administratorPassword: 'Contraseña del administrador',
    yourOwnPasswordOnlyAn: 'Su propia contraseña: solo un administrador puede aceptar un almacén más antiguo.',
    whyIsTheOlderCopy: '¿Por qué la copia más antigua es la correcta?',
    forTheAuditTrailFor: 'Para el registro de auditoría, por ejemplo: «Restauramos la copia del lunes después de que falló el disco».',
    acceptTheOlderStoreAnd: 'Aceptar el almacén más antiguo e iniciar sesión',
    backToSignIn: 'Volver al inicio de sesión',
  },
  startupScreen: {
    openingConsentDesk: 'Abriendo Consent Desk…',
    consentDeskCannotStart: 'Consent Desk no puede iniciarse',
    closeConsentDeskAndOpen: 'Cierre Consent Desk y vuelva a abrirlo. Si sigue ocurriendo, consulte a su administrador.',
  },
  unusableStoreScreen: {
    consentDeskCannotOpenIts: 'Consent Desk no puede abrir sus datos',
    askYourAdministratorNothingWas: 'Consulte a su administrador. No se cambió nada y no se creó ningún almacén nuevo sobre estos datos.',
  },
  notice: {
    lockedBySystem: 'Consent Desk se bloqueó porque el equipo se bloqueó o entró en suspensión. Inicie sesión para continuar.',
    windowRecovered: 'La ventana de Consent Desk dejó de funcionar y se volvió a abrir. Se bloqueó para proteger la información de los pacientes; todo lo guardado se conserva. Inicie sesión para continuar.',
    backendRestarted: 'Una parte de Consent Desk se detuvo inesperadamente y se reinició, por lo que se cerró su sesión. Todo lo guardado antes se conserva. Inicie sesión para continuar.',
    idle_one: 'Consent Desk se bloqueó tras {{count}} minuto sin actividad, para proteger la información de los pacientes. Inicie sesión para continuar.',
    idle_other: 'Consent Desk se bloqueó tras {{count}} minutos sin actividad, para proteger la información de los pacientes. Inicie sesión para continuar.',
    backend: 'Consent Desk se bloqueó solo porque no se usó durante un rato. Inicie sesión para continuar.',
    locked: 'Consent Desk está bloqueado. Inicie sesión para continuar.',
    signedOut: 'Ha cerrado la sesión.',
    restored: 'Consent Desk se restauró desde la copia de seguridad y se cerraron todas las sesiones. Inicie sesión con la contraseña que tenía cuando se hizo la copia.',
  },
  signInScreen: {
    language: 'Idioma',
  },
  unusable: {
    default: 'Esta carpeta contiene los restos de un almacén que no se puede abrir.',
  },
  idleLock: {
    stillThereHeading: '¿Sigue ahí?',
    stillThereBody: 'Consent Desk se bloqueará en un momento para proteger la información de los pacientes. Mueva el ratón o pulse una tecla para seguir trabajando.',
    keepWorking: 'Seguir trabajando',
  },
} as const satisfies SameKeys<typeof en>;
