import type { SameKeys } from '../catalogue-shape';
import type { account as en } from '../en/account';

export const account = {
  changePasswordForm: {
    changeYourPassword: 'Cambiar su contraseña',
    currentPassword: 'Contraseña actual',
    changePassword: 'Cambiar la contraseña',
    changed: 'Su contraseña ha cambiado. Use la nueva la próxima vez que inicie sesión.',
  },
  myAccountPage: {
    myAccount: 'Mi cuenta',
    name: 'Nombre',
    username: 'Usuario',
    role: 'Rol',
  },
} as const satisfies SameKeys<typeof en>;
