/**
 * The words of the practice's social-media compliance program, in one
 * language: the built-in social-media policy and its "Do's and don'ts", the
 * quiz drawn from it, the patient notification letter of a breach (45 CFR
 * 164.404(c)) and the incident report, and the policy as a PDF.
 *
 * One value of this type per language, registered in `./index.ts`, in the
 * same one-place-per-language style as `shared/patient-language/`: the
 * index requires one catalogue for every language a patient can read, so
 * a third language cannot be added to the patient catalogue and forgotten
 * here. Messages hold `{name}` slots filled by `fillIn`.
 */
export interface ProgramLanguage {
  /** The policy a store starts from, before the privacy officer makes it the practice's own. */
  policy: PolicyTextShape;
  policyDocument: PolicyDocumentWords;
  quiz: QuizWords;
  notificationLetter: NotificationLetterWords;
  incidentReport: IncidentReportWords;
}

/** The topics every version of the policy covers, in order (the plain-language list). */
export const policySectionKeys = ['phi', 'consent', 'deidentified', 'reviews', 'comments', 'mistakes', 'ask'] as const;
export type PolicySectionKey = (typeof policySectionKeys)[number];

/** The policy in one language (see `shared/program/policy.ts` for its schema and rules). */
export interface PolicyTextShape {
  title: string;
  intro: string;
  sections: Record<PolicySectionKey, { heading: string; body: string }>;
  /** One rule per line on the "Do's and don'ts" page. */
  dos: string[];
  donts: string[];
}

export interface PolicyDocumentWords {
  /** `{version}`, `{day}`. */
  versionLine: string;
  dosHeading: string;
  dontsHeading: string;
  /** `{version}`. */
  footer: string;
  /** `{n}`, `{m}`. */
  page: string;
}

export interface QuizQuestion {
  /** The same in every language: results are stored by it. */
  id: string;
  prompt: string;
  choices: string[];
  /** Index into `choices`; the same in every language (a test checks). */
  answer: number;
  /** Why, shown after the quiz is submitted. */
  explanation: string;
}

export interface QuizWords {
  title: string;
  intro: string;
  questions: QuizQuestion[];
}

/**
 * The letter to a patient whose information went out without a covering
 * authorization. 164.404(c)(1) asks for, in plain language: what happened,
 * with the date of the breach and of its discovery; the kinds of
 * information involved; what the person can do to protect themselves; what
 * the practice is doing to investigate, mitigate and prevent it happening
 * again; and how to contact the practice.
 */
export interface NotificationLetterWords {
  title: string;
  /** `{patient}`. */
  greeting: string;
  whatHappenedHeading: string;
  /** `{practice}`, `{channel}`, `{publishedOn}`, `{discoveredOn}`, `{why}`. */
  whatHappened: string;
  /** Why the post was not covered, by the incident's trigger. */
  why: Record<'takedown_required' | 'published_after_revocation' | 'phi_reply' | 'other', string>;
  /** `{takenDownOn}`. */
  removed: string;
  notRemovedYet: string;
  whatInformationHeading: string;
  whatInformation: string;
  /** The kinds of information a factor-1 assessment can name (see `shared/program/incident.ts`). */
  informationKinds: Record<string, string>;
  whatYouCanDoHeading: string;
  whatYouCanDo: string[];
  whatWeAreDoingHeading: string;
  whatWeAreDoing: string[];
  /** `{count}` platform removal requests. */
  removalRequests: string;
  contactHeading: string;
  /** `{practice}`. */
  contact: string;
  phone: string;
  email: string;
  address: string;
  website: string;
  closing: string;
  /** `{practice}`. */
  signature: string;
  /** `{id}`. */
  footer: string;
  /** `{day}`. */
  dateLine: string;
}

export interface IncidentReportWords {
  title: string;
  summaryHeading: string;
  incidentId: string;
  opened: string;
  trigger: string;
  triggers: Record<'takedown_required' | 'published_after_revocation' | 'phi_reply' | 'other', string>;
  discoveredOn: string;
  discoveryNote: string;
  state: string;
  states: Record<'open' | 'closed', string>;
  deadlinesHeading: string;
  individualNoticeBy: string;
  mediaNoticeBy: string;
  hhsNoticeBy: string;
  notApplicable: string;
  /** `{day}`: HHS's yearly log for breaches of fewer than 500 people. */
  hhsYearly: string;
  postHeading: string;
  post: string;
  channel: string;
  address: string;
  publishedOn: string;
  takedownRequiredAt: string;
  takenDownAt: string;
  notYet: string;
  consent: string;
  none: string;
  assessmentHeading: string;
  assessmentMissing: string;
  factor1: string;
  factor2: string;
  factor3: string;
  factor4: string;
  identifiers: string;
  sensitivity: string;
  recipients: string;
  viewed: string;
  viewedAnswers: Record<'yes' | 'no' | 'unknown', string>;
  evidence: string;
  takedown: string;
  removalRequests: string;
  /** `{platform}`, `{requestedOn}`, `{reference}`, `{outcome}`. */
  removalRequest: string;
  otherMitigation: string;
  probability: string;
  probabilities: Record<'low' | 'not_low', string>;
  decisionHeading: string;
  decision: string;
  decisions: Record<'required' | 'not_required' | 'undecided', string>;
  rationale: string;
  affected: string;
  largestState: string;
  noticesHeading: string;
  individualNotice: string;
  mediaNotice: string;
  hhsNotice: string;
  notRecorded: string;
  outcomeHeading: string;
  outcome: string;
  closedAt: string;
  preparedBy: string;
  /** `{id}`. */
  footer: string;
}
