/** Texts of the home screens. */
export const home = {
  homePage: {
    home: 'Home',
    welcome: 'Welcome,',
    youAreSignedIn: '. You are signed in',
    as: 'as',
    whatYourRoleCanDo: 'What your role can do',
    consentDeskLocksItselfAfter: 'Consent Desk locks itself after',
    minutesWithoutInputUse: 'minutes without input. Use',
    lock: 'Lock',
    atTheTopWhenYou: 'at the top when you step away, and',
    signOut: 'Sign out',
    whenYouAreDone: 'when you are done.',
  },
} as const;
