/** Texts of the home screens. */
export const home = {
  homePage: {
    home: 'Home',
    whatYourRoleCanDo: 'What your role can do',
    welcomeAt: 'Welcome, {{name}}. You are signed in to {{practice}} as {{role}}.',
    welcomeNoPractice: 'Welcome, {{name}}. You are signed in as {{role}}.',
    lockNote_one: 'Consent Desk locks itself after {{count}} minute without input. Use <strong>Lock</strong> at the top when you step away, and <strong>Sign out</strong> when you are done.',
    lockNote_other: 'Consent Desk locks itself after {{count}} minutes without input. Use <strong>Lock</strong> at the top when you step away, and <strong>Sign out</strong> when you are done.',
  },
} as const;
