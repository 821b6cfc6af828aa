import type { SameKeys } from '../catalogue-shape';
import type { staff as en } from '../en/staff';

export const staff = {
  addStaffForm: {
    addAStaffMember: 'Añadir a una persona del personal',
    name: 'Nombre',
    username: 'Usuario',
    lowercaseLettersDigitsDotsDashes: 'Letras minúsculas, cifras, puntos, guiones o guiones bajos.',
    role: 'Rol',
    chooseARole: 'Elija un rol',
    password: 'Contraseña',
    addStaffMember: 'Añadir al personal',
  },
  changeRoleDialog: {
    role: 'Rol',
    cancel: 'Cancelar',
    saveRole: 'Guardar el rol',
  },
  disableStaffDialog: {
    willNoLongerBeAble: ') ya no podrá iniciar sesión.',
    consentDeskWillAlso: 'Consent Desk también va a',
    rotateTheDataKey: 'renovar la clave de datos',
    itReEncryptsTheStore: ': vuelve a cifrar el almacén con una clave nueva y se la da a cada una de las demás cuentas activas y a la clave de recuperación. Las copias de la carpeta de copias de seguridad se vuelven a sellar igual. Después,',
    sOldPasswordOpensNeither: ': su contraseña antigua ya no abre el almacén, ni una copia anterior del archivo de claves, ni esas copias de seguridad. Las copias guardadas en otro lugar (una memoria USB, un archivo elegido para una copia) no se alcanzan desde aquí: siguen abriéndose con las contraseñas de su momento, así que bórrelas o guárdelas donde solo los administradores lleguen. Antes hay que cerrar cualquier otra ventana o comando de Consent Desk que use este almacén. Tarda un momento.',
    everything: 'Todo lo que',
    didStaysInTheAudit: 'hizo queda en el registro de auditoría. Puede volver a activar la cuenta más adelante con una contraseña nueva.',
    cancel: 'Cancelar',
    disableAccount: 'Desactivar la cuenta',
  },
  enableStaffDialog: {
    willBeAbleToSign: ') podrá volver a iniciar sesión. Su contraseña antigua se eliminó al desactivar la cuenta, así que elija una nueva.',
    cancel: 'Cancelar',
    enableAccount: 'Activar la cuenta',
  },
  resetPasswordDialog: {
    chooseANewPasswordFor: 'Elija una contraseña nueva para',
    theirOldPasswordStopsWorking: '). Su contraseña antigua deja de funcionar al instante.',
    cancel: 'Cancelar',
    resetPassword: 'Restablecer la contraseña',
  },
  staffPage: {
    staff: 'Personal',
    eachPersonSignsInWith: 'Cada persona inicia sesión con su propia cuenta. Su rol decide lo que puede ver y cambiar.',
    loadingStaff: 'Cargando el personal…',
  },
  staffTable: {
    staffAccounts: 'Cuentas del personal',
    staffAccounts2: 'Cuentas del personal (',
    name: 'Nombre',
    username: 'Usuario',
    role: 'Rol',
    status: 'Estado',
    actions: 'Acciones',
    for: 'de',
    you: '(usted)',
    active: 'Activa',
    disabled: 'Desactivada',
    changeRole: 'Cambiar el rol',
    resetPassword: 'Restablecer la contraseña',
    disable: 'Desactivar',
    enable: 'Activar',
  },
} as const satisfies SameKeys<typeof en>;
