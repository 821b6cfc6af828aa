/**
 * What the staff forms say beside a field their own schemas refuse. The
 * schemas name a key here and resolve it when they check (zod's `error`
 * callback), so the sentence is in the language the screen shows.
 */
export const validation = {
  atMostCharacters: 'Use at most {{max}} characters.',
  dayLike: 'Use a date such as 2026-01-31.',
  chooseFirstDay: 'Choose the first day.',
  chooseLastDay: 'Choose the last day.',
  dayInOrder: 'Choose a day on or after the “From” day.',
  passwordMismatch: 'This is not the same as the password above.',
  post: {
    chooseChannel: 'Choose where the post will appear.',
    nameOtherChannel: 'Name the channel, such as “Waiting-room screen”.',
    identifierReason: 'Write the reason in a sentence: why may this identifier go out?',
    chooseTestimonial: 'Choose a testimonial.',
  },
  backups: {
    everyHours: 'Enter a number of hours from 1 to 168 (24 is daily).',
    keep: 'Enter how many backups to keep, from 1 to 365.',
    password: 'Enter your password as it was when the backup was made.',
    recoveryKey: 'Enter the recovery key shown when Consent Desk was set up.',
  },
  authorization: {
    language: 'Choose the language.',
    otherChannels: 'List at most 10 other channels.',
    otherPurposes: 'List at most 5 other purposes.',
    conditions: 'List at most 10 conditions.',
    expirationDate: 'Choose the day this authorization ends, or describe an event instead.',
    scanType: 'Attach the scan as a PDF, PNG or JPEG file.',
    scanSize: 'The scan is larger than 20 MB.',
  },
  presets: {
    contentKinds: 'Tick at least one kind of content.',
    channels: 'Tick at least one place.',
    purposes: 'Tick at least one purpose.',
    months: 'Enter a number of months from 1 to 120, or leave it empty.',
  },
  settings: {
    idleMinutes: 'Enter a number of minutes from 1 to 60.',
    patientModeIdleMinutes: 'Enter a number of minutes from 5 to 120.',
    ageOfMajority: 'Enter an age from 16 to 21.',
  },
  media: {
    chooseFile: 'Choose a file to import.',
    emptyFile: 'That file is empty. Choose another file.',
    tooLarge: 'That file is {{megabytes}} MB; the limit is 50 MB. Choose a smaller file, or shorten the video.',
  },
  testimonial: {
    patient: 'Choose the patient the testimonial is about.',
  },
  reply: {
    text: 'Paste or type the reply you plan to post.',
  },
} as const;
