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
} as const;
