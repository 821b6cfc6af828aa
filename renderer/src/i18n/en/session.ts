/** Texts of the session screens: sign-in, recovery, lock notices, startup. */
export const session = {
  signInForm: {
    signIn: 'Sign in',
    ifThisOlderCopyWas: 'If this older copy was put back on purpose, an administrator can accept it.',
    acceptThisOlderStore: 'Accept this older store…',
    username: 'Username',
    password: 'Password',
    forgotTheAdministratorPassword: 'Forgot the administrator password?',
    useTheRecoveryKey: 'Use the recovery key',
  },
  recoveryForm: {
    recoverAccessWithTheRecovery: 'Recover access with the recovery key',
    enterTheRecoveryKeyYou: 'Enter the recovery key you stored when Consent Desk was set up, and choose a new password for an administrator.',
    recoveryKey: 'Recovery key',
    '52LettersAndDigitsIn': '52 letters and digits in groups of four, with or without the dashes.',
    administratorUsername: 'Administrator username',
    setNewPasswordAndSign: 'Set new password and sign in',
    backToSignIn: 'Back to sign in',
  },
  acceptRollbackForm: {
    acceptAnOlderCopyOf: 'Accept an older copy of the store',
    doThisOnlyIfThe: 'Do this only if the older copy was put back on purpose. Everything recorded after that copy was made is not in it. Your name, the reason and what was older are kept in the audit trail, and every administrator sees an alert. If you did not put it back, do not accept it: restore the newest good backup instead.',
    administratorUsername: 'Administrator username',
    administratorPassword: 'Administrator password',
    yourOwnPasswordOnlyAn: 'Your own password: only an administrator can accept an older store.',
    whyIsTheOlderCopy: 'Why is the older copy the right one?',
    forTheAuditTrailFor: 'For the audit trail, for example: “We restored Monday’s copy after the disk failed.”',
    acceptTheOlderStoreAnd: 'Accept the older store and sign in',
    backToSignIn: 'Back to sign in',
  },
  startupScreen: {
    openingConsentDesk: 'Opening Consent Desk…',
    consentDeskCannotStart: 'Consent Desk cannot start',
    closeConsentDeskAndOpen: 'Close Consent Desk and open it again. If this keeps happening, ask your administrator.',
  },
  unusableStoreScreen: {
    consentDeskCannotOpenIts: 'Consent Desk cannot open its data',
    askYourAdministratorNothingWas: 'Ask your administrator. Nothing was changed, and no new store was set up over this data.',
  },
  notice: {
    lockedBySystem: 'Consent Desk locked because the computer was locked or went to sleep. Sign in to continue.',
    windowRecovered: 'The Consent Desk window stopped working and was reopened. It locked to keep patient information private; everything saved is kept. Sign in to continue.',
    backendRestarted: 'Part of Consent Desk stopped unexpectedly and was restarted, so you were signed out. Everything saved before it stopped is kept. Sign in to continue.',
    idle_one: 'Consent Desk locked after {{count}} minute without input, to keep patient information private. Sign in to continue.',
    idle_other: 'Consent Desk locked after {{count}} minutes without input, to keep patient information private. Sign in to continue.',
    backend: 'Consent Desk locked itself because it was not used for a while. Sign in to continue.',
    locked: 'Consent Desk is locked. Sign in to continue.',
    signedOut: 'You are signed out.',
    restored: 'Consent Desk was restored from the backup, and everyone was signed out. Sign in with your password as it was when the backup was made.',
  },
  signInScreen: {
    language: 'Language',
  },
  unusable: {
    default: 'This folder holds the remains of a store that cannot be opened.',
  },
  idleLock: {
    stillThereHeading: 'Are you still there?',
    stillThereBody: 'Consent Desk will lock in a moment to keep patient information private. Move the mouse or press a key to keep working.',
    keepWorking: 'Keep working',
  },
} as const;
