/** The Help panel (F1): what each screen is for and how its main work is done. */
export const help = {
  keys: 'F1 opens this help on any screen; Escape closes it.',
  pages: {
    home: {
      what: 'Home is where each day starts: what waits for you in your role, and the ways into the rest of the app.',
      how: 'Use the navigation on the left to reach every screen your role may use. Lock the app (Lock, top right) whenever you leave the desk; it also locks by itself after a few minutes without input.',
    },
    patients: {
      what: 'Patients holds each patient’s identity and the marketing authorizations they signed or were asked to sign.',
      how: 'Search by name, date of birth or record number, open a patient, then prepare an authorization: choose what it covers, hand the screen to the patient to read and sign, and witness the signature. A paper form can be recorded with its scan.',
    },
    marketing: {
      what: 'The marketing dashboard shows posts that may no longer be covered by a consent, consents about to end, and the state of every post.',
      how: 'Act first on the takedown list: a post whose authorization was revoked or has expired must be taken down, and you record when it was.',
    },
    testimonials: {
      what: 'Testimonials are a patient’s words, photos or videos that marketing would like to use.',
      how: 'Add a testimonial for a patient, import its media, and link it to the authorization that covers it. Only covered testimonials can be used in a post.',
    },
    posts: {
      what: 'Posts are what the practice publishes. Each is checked against the patient’s authorization before and after it goes out.',
      how: 'Write the post, choose its media and consent, and read the check. Publish only when the check passes; record the link once it is live. If a consent ends, take the post down and record it.',
    },
    replies: {
      what: 'Review replies checks an answer to an online review before you post it, so it does not confirm that someone is a patient.',
      how: 'Paste the review and your draft reply; the check says what to remove. Keep replies general and invite the person to call the practice.',
    },
    staff: {
      what: 'Staff is where an administrator adds people, chooses their role, resets passwords and disables accounts.',
      how: 'Give each person their own account with the least role they need. Disable accounts of people who leave; their past actions stay in the audit trail.',
    },
    audit: {
      what: 'The audit trail records every action in the app: who did what, when, on which record. It cannot be edited.',
      how: 'Filter by person, action or dates. Verify the chain to prove that nothing was changed or removed since it was written.',
    },
    auditExport: {
      what: 'Export for audit makes one signed bundle of authorizations, revocations, posts and audit events for an auditor or lawyer.',
      how: 'Choose the period and what to include, start the export and keep the file safe: it holds patient information. Anyone can verify a bundle here.',
    },
    reports: {
      what: 'Reports answer a privacy officer’s usual questions: uncovered posts, revocations, consents expiring, and staff activity.',
      how: 'Choose the period, read each section and download it when you need a copy.',
    },
    retention: {
      what: 'Retention lists signed records kept for six years after they stopped being in effect, once that time is over.',
      how: 'Review the list and purge what is due. A purge is audited and cannot be undone.',
    },
    backups: {
      what: 'Backups are encrypted copies of the whole store, made on request or on a schedule.',
      how: 'Set a schedule and a folder on another disk, check that backups succeed, and practise a restore now and then.',
    },
    wording: {
      what: 'Wording is the text of the authorization patients sign, in English and Spanish.',
      how: 'Change it with care: each version is kept, and every authorization keeps the exact text its patient signed.',
    },
    presets: {
      what: 'Presets are ready-made scopes for common authorizations (content, channels, purpose, duration), kept in versions.',
      how: 'Choose one in the authorization editor to fill the scope; the patient still reads and signs the whole text. Editing a preset adds a new version; retiring it keeps the old ones readable.',
    },
    settings: {
      what: 'Settings holds the practice’s details printed on every authorization, the idle lock time, the time zone and the store’s health.',
      how: 'Keep the address for revocations up to date: patients send their written revocations there.',
    },
    account: {
      what: 'My account is yours: your password, your language and your theme.',
      how: 'Choose a long password only you know. Language and theme are also in the Account menu at the top.',
    },
    program: {
      what: 'The compliance program shows where the practice stands: policy acknowledgments, training, reviews of live posts and incidents.',
      how: 'Work through what is overdue first; each item links to the screen where it is done.',
    },
    ourPolicy: {
      what: 'The practice’s social-media policy, as everyone on staff has to read and acknowledge it.',
      how: 'Read it to the end and acknowledge it when asked; a new version asks again.',
    },
    dosAndDonts: {
      what: 'The short version of the policy: what staff may and may not post about patients.',
      how: 'When in doubt, do not post: ask for a review before posting.',
    },
    policyVersions: {
      what: 'Every version of the social-media policy, with who acknowledged each.',
      how: 'Draft the next version, check it is complete and publish it; staff are asked to acknowledge it at their next sign-in.',
    },
    training: {
      what: 'Training records who was trained on the policy, when, and with which material.',
      how: 'Record each session with its attendees; the status shows who is due again.',
    },
    quiz: {
      what: 'A short quiz on the policy, to check what you remember.',
      how: 'Answer every question; your result is recorded.',
    },
    liveReviews: {
      what: 'Reviews of live posts: a periodic look at what is published on each channel.',
      how: 'Go through each channel on schedule, note what needs action and complete the review.',
    },
    postReviews: {
      what: 'Ask before posting: requests from staff to have a post checked before it goes out.',
      how: 'Read the request, comment if needed, then approve or decline it with a reason.',
    },
    incidents: {
      what: 'Incidents are possible privacy breaches, such as a post that named a patient.',
      how: 'Open an incident when you learn of it, assess the risk, decide on notification and record what was done before closing it.',
    },
    notFound: {
      what: 'There is no screen at this address.',
      how: 'Use the navigation on the left, or go to Home.',
    },
  },
} as const;
