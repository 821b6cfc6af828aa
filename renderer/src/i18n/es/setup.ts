import type { SameKeys } from '../catalogue-shape';
import type { setup as en } from '../en/setup';

export const setup = {
  recoveryKeyNotConfirmed: {
    heading: 'La clave de recuperación aún no está confirmada',
    explained: 'Se mostró una clave de recuperación, pero nadie confirmó que se guardara. Sin una clave de recuperación guardada, los datos no se pueden recuperar si todos los administradores olvidan su contraseña.',
    iStoredTheKey: 'Guardé la clave que se mostró',
    iHaveStoredTheKey: 'He guardado la clave de recuperación que se mostró',
    confirm: 'Confirmar',
    showANewKey: 'Mostrar una clave de recuperación nueva',
    ifNotStored: 'Si no se guardó, emita una clave nueva ahora. La clave mostrada antes dejará de abrir nada.',
    yourPassword: 'Su contraseña',
    issueANewKey: 'Emitir una clave de recuperación nueva',
  },
  recoveryKeyScreen: {
    storeYourRecoveryKey: 'Guarde su clave de recuperación',
    thisKeyIsShownOnly: 'Esta clave se muestra solo esta vez.',
    consentDeskEncryptsEverythingIt: 'Consent Desk cifra todo lo que guarda. Sin una contraseña del personal o esta clave de recuperación, nadie puede leer los datos: ni usted, ni un técnico, ni los creadores de Consent Desk. Si todos los administradores olvidan su contraseña, esta clave es la única forma de volver a entrar.',
    consentDeskRecoveryKey: 'Clave de recuperación de Consent Desk',
    recoveryKey: 'Clave de recuperación',
    keepThisSheetSomewhereSafe: 'Guarde esta hoja en un lugar seguro, lejos del equipo, como un armario con llave o una caja fuerte.',
    printItAndKeepThe: 'Imprímala y guarde la hoja en un lugar cerrado lejos del equipo, o',
    writeItDownExactlyOr: 'cópiela exactamente, o guárdela en el gestor de contraseñas del consultorio.',
    anyoneWithThisKeyCan: 'Cualquiera con esta clave puede leer todos los datos de pacientes: no la envíe por correo ni la deje en el escritorio.',
    print: 'Imprimir',
    iHaveStoredTheRecovery: 'He guardado la clave de recuperación',
    continue: 'Continuar',
    forPractice: ' de {{practice}}',
  },
  setupScreen: {
    setUpConsentDesk: 'Configurar Consent Desk',
    nameYourPracticeAndCreate: 'Escriba el nombre de su consultorio y cree la primera cuenta de administrador, normalmente la del responsable de privacidad. Podrá añadir al resto del personal después de iniciar sesión.',
    practiceName: 'Nombre del consultorio',
    yourName: 'Su nombre',
    username: 'Usuario',
    whatYouWillTypeTo: 'Lo que escribirá para iniciar sesión, por ejemplo «jsmith».',
    password: 'Contraseña',
    createStore: 'Crear el almacén',
    confirmPassword: 'Confirme la contraseña',
  },
} as const satisfies SameKeys<typeof en>;
