import { describe, expect, it } from 'vitest';
import { checkReviewReply } from './review-reply';

describe('the review-reply checker', () => {
  it('flags a reply that confirms the patient and mentions their care', () => {
    const check = checkReviewReply("We're sorry your knee surgery with Dr. Lee on March 3 didn't meet your expectations");
    expect(check.safe).toBe(false);
    expect(check.concerns.map((c) => c.kind)).toEqual(['mentions_care', 'confirms_patient', 'date']);
    expect(check.suggestion).toMatch(/Thank you/);
  });

  it('passes the safe pattern: thank, stay general, invite a call', () => {
    expect(checkReviewReply('Thank you for your feedback. Please call our office manager so we can help.')).toMatchObject({ safe: true, concerns: [] });
    expect(checkReviewReply('Thanks for the kind words about our team.').safe).toBe(true);
  });

  it('flags subtler confirmations', () => {
    for (const reply of ['We hope your recovery is going well!', 'Our records show you were seen twice.', 'As your therapist, I understand.']) {
      expect(checkReviewReply(reply).safe, reply).toBe(false);
    }
  });
});
