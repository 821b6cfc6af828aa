import { scanForPhi, type Finding } from './phi-scanner';

/**
 * Checks a reply to an online review before it is posted. Regulators have
 * fined practices for replies that only confirmed the reviewer was a
 * patient or mentioned their care; a safe reply thanks, stays general and
 * invites the person to call.
 */
export type ReplyConcernKind = 'confirms_patient' | 'mentions_care' | Finding['kind'];

export interface ReplyConcern {
  kind: ReplyConcernKind;
  start: number;
  end: number;
  text: string;
  message: string;
}

export interface ReplyCheck {
  safe: boolean;
  concerns: ReplyConcern[];
  suggestion: string;
}

const care =
  'surgery|surgeries|operation|procedure|treatment|therapy|therapist|session|appointment|visit|exam|examination|diagnosis|condition|prescription|medication|medicine|injection|x-?ray|mri|scan|test results?|results|bill|billing|claim|insurance|care|recovery|rehab(?:ilitation)?|stay|admission|implant|crown|filling|root canal|cleaning|braces|knee|hip|back|shoulder|spine|neck|ankle|wrist|tooth|teeth|skin|pregnancy|delivery|cancer|diabetes|injury';

const rules: { kind: ReplyConcernKind; re: RegExp; message: string }[] = [
  {
    kind: 'confirms_patient',
    re: /\b(?:when you (?:were|came) (?:here|in|to see us)|as (?:your|our) (?:patient|doctor|dentist|provider|therapist|physician)|our records (?:show|indicate)|we (?:treated|saw|examined|operated on) you|you(?:'ve| have) been (?:a patient|coming)|your (?:chart|file|record)s?|with dr\.?\s+[a-z]+|dr\.?\s+[a-z]+ (?:treated|saw|examined)|since your (?:first|last|recent))\b/gi,
    message: 'This confirms the reviewer is (or was) a patient.',
  },
  {
    kind: 'mentions_care',
    re: new RegExp(`\\b(?:your|the|her|his|their)\\s+(?:(?:recent|last|first|latest|follow-up)\\s+)?(?:[a-z]+\\s+)?(?:${care})\\b`, 'gi'),
    message: 'This mentions the reviewer’s care, treatment or visit.',
  },
];

export const safeReplyPattern =
  'Thank you for taking the time to share your feedback. We take every comment seriously and would like to talk with you directly. Please call our office manager at your convenience.';

export function checkReviewReply(text: string): ReplyCheck {
  const concerns: ReplyConcern[] = [];
  for (const { kind, re, message } of rules) {
    for (const m of text.matchAll(re)) {
      if (kind === 'mentions_care' && !new RegExp(`\\b(?:${care})\\b`, 'i').test(m[0])) continue;
      concerns.push({ kind, start: m.index, end: m.index + m[0].length, text: m[0], message });
    }
  }
  for (const f of scanForPhi(text)) {
    if (!concerns.some((c) => f.start < c.end && c.start < f.end)) concerns.push(f);
  }
  concerns.sort((a, b) => a.start - b.start);
  return { safe: concerns.length === 0, concerns, suggestion: safeReplyPattern };
}
