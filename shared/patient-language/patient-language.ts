import type { Locale } from 'date-fns';
import type { Channel, ContentKind, Purpose, RepresentativeAuthority } from '../authorization/scope';
import type { TemplateText } from '../authorization/template';
import type { RevocationMethod } from '../authorization/record';

/**
 * Everything a patient reads, in one language: the vocabulary of an
 * authorization, the built-in wording, the words around the document in
 * patient mode, the PDFs (signature block, certificate page, paper form,
 * revocation acknowledgment) and what the authorization checker looks for.
 *
 * One value of this type per language, registered in `./index.ts`: a third
 * language joins by adding its file there, with no other code change. The
 * staff screens stay in English; a later internationalisation of them reuses
 * these messages for the patient-facing parts.
 *
 * Messages hold `{name}` slots filled by `fillIn`; counts use `Plural`
 * (Intl plural categories of the language's locale).
 */
export interface PatientLanguage {
  /** The language's name in English (staff screens) and in itself (patients). */
  englishName: string;
  nativeName: string;
  /** BCP 47 tag for Intl (plural rules, `lang` attributes). */
  locale: string;
  dates: { locale: Locale; pattern: string };
  labels: {
    contentKinds: Record<ContentKind, string>;
    channels: Record<Channel, string>;
    purposes: Record<Purpose, string>;
    /** Neutral or inclusive forms: the representative may be a man or a woman. */
    authorities: Record<RepresentativeAuthority, string>;
    revocationMethods: Record<RevocationMethod, string>;
  };
  /** The wording a new store starts with. */
  template: TemplateText;
  /** How `{{revocationContact}}` reads: where a revocation can be sent. */
  revocationContact: { withEmail: string; withoutEmail: string };
  patientMode: PatientModeText;
  pdf: PdfWords;
  certificate: CertificateWords;
  revocationAcknowledgment: RevocationAcknowledgmentWords;
  /** Audit actions as they read on the certificate page; `{actor}` is the staff session, `{signer}` the signer. */
  events: Partial<Record<string, string>> & { unknown: string };
  freeText: {
    /**
     * Frequent short words of the language: free text typed for a document
     * in another language is flagged when it holds more of that language's
     * words than of this one's.
     */
    commonWords: string[];
    /** Examples shown beside the free-text fields, written as a patient reads them. */
    examples: { otherChannel: string; otherPurpose: string; event: string; authorityDetail: string };
  };
  /**
   * What each required statement must say, as case-insensitive regular
   * expressions that must all match: the wording rules apply them to a
   * template before it is published, and the checker to a PDF's text.
   */
  concepts: { [S in RequiredStatement]: Record<StatementConcept<S>, string> };
}

/** The statements 164.508(c)(2)-(4) requires, and the ideas each must express. */
export const statementConcepts = {
  revocation: ['right', 'inWriting', 'exception'],
  noConditioning: ['treatment', 'notConditioned'],
  redisclosure: ['sharedAgain', 'noLongerProtected'],
  copy: ['copy'],
  signature: ['sign'],
} as const;
export type RequiredStatement = keyof typeof statementConcepts;
export type StatementConcept<S extends RequiredStatement> = (typeof statementConcepts)[S][number];

/** Words chosen by how many: `other` is required; the locale's plural rules pick. */
export type Plural = { other: string } & Partial<Record<'zero' | 'one' | 'two' | 'few' | 'many', string>>;

export interface PatientModeText {
  banner: string;
  readFirst: string;
  signHeading: string;
  typedName: string;
  /** `{signer}`: the name as written on the authorization. */
  typedNameHint: string;
  typedNameMissing: string;
  agree: string;
  agreeMissing: string;
  signatureLegend: string;
  signatureBox: string;
  signatureInstructions: string;
  keyboardNote: string;
  paperOption: string;
  clear: string;
  undo: string;
  cleared: string;
  undone: string;
  sign: string;
  thanksHeading: string;
  thanks: string;
  /** For a patient who cannot draw: their typed name adopted as their signature. */
  typedSignatureOption: string;
  typedSignatureNote: string;
  typedSignatureShown: string;
  /** Said to a screen reader while the signature is being saved. */
  working: string;
  /** What the Sign button says before and after the whole text has been on screen. */
  notAllShown: string;
  allShown: string;
  /** Refusals of a signature, in the patient's words (`{signer}`: the name on the authorization). */
  signatureEmpty: string;
  signatureTooSmall: string;
  signatureStraightLine: string;
  typedNameMismatch: string;
  textChanged: string;
  /** Before patient mode pauses for lack of input. */
  stillThereHeading: string;
  stillThereBody: string;
  stillHere: string;
  /** The neutral screen once patient mode paused: nothing of the authorization shows. */
  pausedHeading: string;
  pausedBody: string;
  pausedStaffButton: string;
}

export interface PdfWords {
  page: string;
  /** `{id}`, `{language}`, `{version}`. */
  footer: string;
  name: string;
  dateSigned: string;
  representative: string;
  authority: string;
  /** The paper form's blank signature block. */
  paper: {
    caption: string;
    signatureLine: string;
    printedNameLine: string;
    dateLine: string;
    representativeLine: string;
    instructions: string;
    formId: string;
    qrNote: string;
  };
  /** The paper package: the form as printed, then the scan of what was signed. */
  paperPackage: { formHeading: string; scanHeading: string; scanPage: string };
}

export interface CertificateWords {
  title: string;
  caption: string;
  authorization: string;
  authorizationId: string;
  practice: string;
  patient: string;
  language: string;
  templateVersion: string;
  textSha256: string;
  contentSha256: string;
  signature: string;
  signedBy: string;
  signerIsPatient: string;
  /** `{authority}`. */
  signerIsRepresentative: string;
  method: string;
  methodElectronic: string;
  methodPaper: string;
  signedAt: string;
  signedOn: string;
  workstation: string;
  agreedElectronically: string;
  yes: string;
  no: string;
  strokesLabel: string;
  /** In place of the strokes, when the signer adopted their typed name as their signature. */
  typedSignature: string;
  strokes: Plural;
  points: Plural;
  /** `{strokes}`, `{points}`. */
  strokesValue: string;
  staff: string;
  /** The staff member whose session presented the document. */
  presentedBy: string;
  witnessedBy: string;
  witnessedAt: string;
  attestedBy: string;
  attestedAt: string;
  /** What the staff member attested for a paper signature. */
  attestation: string;
  scanSha256: string;
  scanKind: string;
  scanPages: Plural;
  signingCertificate: string;
  /** `{subject}`, `{source}`, `{notAfter}`. */
  certificateValue: string;
  certificateFingerprint: string;
  certificateGenerated: string;
  certificateImported: string;
  events: string;
}

export interface RevocationAcknowledgmentWords {
  title: string;
  /** `{practice}`, `{patient}`, `{signedOn}`, `{receivedOn}`. */
  body: string;
  record: string;
  authorizationId: string;
  patient: string;
  receivedOn: string;
  method: string;
  scan: string;
  scanKept: string;
  scanNone: string;
  recordedBy: string;
  recordedAt: string;
  authorizationPdfSha256: string;
  /** The heading over the posts that went out under the authorization. */
  posts: string;
  noPosts: string;
  /** `{channel}`, `{publishedOn}`, `{address}`, `{status}`. */
  post: string;
  postWithoutAddress: string;
  postTakenDown: string;
  postToBeTakenDown: string;
  /** `{status}`: a post that went out on or after the day the revocation was received. */
  postAfterReceipt: string;
  /** `{id}`. */
  footer: string;
}
