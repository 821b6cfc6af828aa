/** Texts of the account screens. */
export const account = {
  changePasswordForm: {
    changeYourPassword: 'Change your password',
    currentPassword: 'Current password',
    changePassword: 'Change password',
    changed: 'Your password is changed. Use the new one next time you sign in.',
  },
  myAccountPage: {
    myAccount: 'My account',
    name: 'Name',
    username: 'Username',
    role: 'Role',
  },
} as const;
