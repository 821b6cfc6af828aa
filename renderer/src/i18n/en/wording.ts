/** Texts of the wording screens. */
export const wording = {
  fields: {
    title: 'Title',
    intro: 'Introduction',
    information: {
      heading: '1. What information may be used: heading',
      body: '1. What information may be used: text',
    },
    discloser: {
      heading: '2. Who may use and share it: heading',
      body: '2. Who may use and share it: text',
    },
    recipients: {
      heading: '3. Where it may appear: heading',
      body: '3. Where it may appear: text',
    },
    purposes: {
      heading: '4. Why it will be used: heading',
      body: '4. Why it will be used: text',
    },
    expiration: {
      heading: '5. When it ends: heading',
      onDate: '5. When it ends: sentence for a date',
      onEvent: '5. When it ends: sentence for an event',
    },
    remuneration: {
      heading: 'Payment (remuneration): heading',
      body: 'Payment (remuneration): text',
    },
    revocation: {
      heading: 'Right to revoke: heading',
      body: 'Right to revoke: text',
    },
    noConditioning: {
      heading: 'No conditioning of treatment: heading',
      body: 'No conditioning of treatment: text',
    },
    redisclosure: {
      heading: 'Redisclosure: heading',
      body: 'Redisclosure: text',
    },
    copy: {
      heading: 'The patient’s copy: heading',
      body: 'The patient’s copy: text',
    },
    representative: {
      heading: 'Personal representative: heading',
      body: 'Personal representative: text',
    },
    signature: {
      heading: 'Signature: heading',
      body: 'Signature: statement for an electronic signature',
      onPaper: 'Signature: statement on the paper form',
    },
  },
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
    partsMissing_one: '{{count}} part is missing; it cannot be published yet:',
    partsMissing_other: '{{count}} parts are missing; it cannot be published yet:',
  },
} as const;
