import type { SameKeys } from '../catalogue-shape';
import type { home as en } from '../en/home';

export const home = {
  homePage: {
    home: 'Inicio',
    welcome: 'Le damos la bienvenida,',
    youAreSignedIn: '. Ha iniciado sesión',
    as: 'como',
    whatYourRoleCanDo: 'Lo que su rol puede hacer',
    consentDeskLocksItselfAfter: 'Consent Desk se bloquea solo tras',
    minutesWithoutInputUse: 'minutos sin actividad. Use',
    lock: 'Bloquear',
    atTheTopWhenYou: 'arriba cuando se aleje, y',
    signOut: 'Cerrar sesión',
    whenYouAreDone: 'cuando termine.',
  },
} as const satisfies SameKeys<typeof en>;
