/** Texts of the wording screens. */
export const wording = {
  wordingDiff: {
    noChangeYetTheDraft: 'No change yet: the draft is the wording in force.',
    added: '[added:',
    removed: '[removed:',
  },
  wordingPage: {
    wording: 'Wording',
    loadingTheWording: 'Loading the wording…',
    theTextOfTheMarketing: 'The text of the marketing authorization, in each language patients can read. Edit a draft of the next version, check the preview and what changes, then publish it: authorizations prepared from then on use it, and those already signed keep theirs.',
    language: 'Language',
    versions: 'versions',
    version: 'Version',
    published: 'Published',
    state: 'State',
    inForce: 'In force',
    earlierVersionKeptForWhat: 'Earlier version (kept for what was signed on it)',
  },
  wordingEditor: {
    draftOf: 'Draft of',
    version: 'version',
    placeholdersInDoubleBracesAre: 'Placeholders in double braces are filled in for each patient, such as',
    theListOfWhatMay: '(the list of what may be used) or',
    theLastDayInEffect: '(the last day in effect). Keep every one the rules ask for.',
    completeEveryRequiredStatementAnd: 'Complete: every required statement and placeholder is in the draft.',
    publish: 'Publish',
    startAgainFromVersion: 'Start again from version',
    changesFromVersion: 'Changes from version',
    previewWithASamplePatient: 'Preview with a sample patient',
    samSampleSignedForBy: 'Sam Sample, signed for by a parent, with a paying sponsor: every section shows.',
  },
} as const;
