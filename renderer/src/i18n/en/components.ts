/** Texts of the components screens. */
export const components = {
  fieldMessages: {
    error: 'Error:',
  },
  highlightedText: {
    note: '(note',
  },
  showInFolder: {
    showInFolder: 'Show in folder',
  },
  submitButton: {
    workingPleaseWait: 'Working, please wait…',
  },
  timeZoneField: {
    timeZone: 'Time zone',
    thePracticeSOwnIt: 'The practice’s own: it decides the date of every signature, revocation, publication and expiry.',
  },
  dataTable: {
    countedShowing: '{{counted}}, showing {{first}}–{{last}}',
    previousPage: 'Previous page',
    nextPage: 'Next page',
    pageOf: 'Page {{page}} of {{pages}}',
    rowsPerPage: 'Rows per page',
  },
  passwordHint: 'At least 12 characters. A few unrelated words make a strong password that is easy to remember; common passwords and ones built from your name are refused.',
  newPasswordFields: {
    newPassword: 'New password',
    confirmNewPassword: 'Confirm new password',
  },
} as const;
