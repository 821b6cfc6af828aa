import type { SameKeys } from '../catalogue-shape';
import type { home as en } from '../en/home';

export const home = {
  homePage: {
    home: 'Inicio',
    whatYourRoleCanDo: 'Lo que su rol puede hacer',
    welcomeAt: 'Le damos la bienvenida, {{name}}. Ha iniciado sesión en {{practice}} como {{role}}.',
    welcomeNoPractice: 'Le damos la bienvenida, {{name}}. Ha iniciado sesión como {{role}}.',
    lockNote_one: 'Consent Desk se bloquea solo tras {{count}} minuto sin actividad. Use <strong>Bloquear</strong> arriba cuando se aleje, y <strong>Cerrar sesión</strong> cuando termine.',
    lockNote_other: 'Consent Desk se bloquea solo tras {{count}} minutos sin actividad. Use <strong>Bloquear</strong> arriba cuando se aleje, y <strong>Cerrar sesión</strong> cuando termine.',
  },
} as const satisfies SameKeys<typeof en>;
