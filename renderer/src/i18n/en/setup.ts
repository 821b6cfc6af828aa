/** Texts of the setup screens. */
export const setup = {
  recoveryKeyScreen: {
    storeYourRecoveryKey: 'Store your recovery key',
    thisKeyIsShownOnly: 'This key is shown only this once.',
    consentDeskEncryptsEverythingIt: 'Consent Desk encrypts everything it stores. Without a staff password or this recovery key, the data cannot be read by anyone: not you, not a technician, not the makers of Consent Desk. If every administrator forgets their password, this key is the only way back in.',
    consentDeskRecoveryKey: 'Consent Desk recovery key',
    recoveryKey: 'Recovery key',
    keepThisSheetSomewhereSafe: 'Keep this sheet somewhere safe, away from the computer, such as a locked cabinet or safe.',
    printItAndKeepThe: 'Print it and keep the sheet in a locked place away from the computer, or',
    writeItDownExactlyOr: 'write it down exactly, or save it in the practice’s password manager.',
    anyoneWithThisKeyCan: 'Anyone with this key can read all patient data: do not email it or leave it on the desk.',
    print: 'Print',
    iHaveStoredTheRecovery: 'I have stored the recovery key',
    continue: 'Continue',
  },
  setupScreen: {
    setUpConsentDesk: 'Set up Consent Desk',
    nameYourPracticeAndCreate: 'Name your practice and create the first administrator account, usually the practice’s privacy officer. You can add other staff once you are signed in.',
    practiceName: 'Practice name',
    yourName: 'Your name',
    username: 'Username',
    whatYouWillTypeTo: 'What you will type to sign in, for example “jsmith”.',
    password: 'Password',
    createStore: 'Create store',
  },
} as const;
