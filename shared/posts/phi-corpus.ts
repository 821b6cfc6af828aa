import type { FindingKind } from './phi-scanner';

/**
 * Realistic captions and replies, each with the identifier kinds a careful
 * reader would flag. The patient in every example is Maria Lopez, born
 * 1984-05-17, of Springfield, record MRN-20417. The scanner's tests count
 * false positives and false negatives against this corpus.
 */
export const corpusPatient = {
  firstName: 'Maria',
  lastName: 'Lopez',
  dateOfBirth: '1984-05-17',
  city: 'Springfield',
  recordNumber: 'MRN-20417',
};

export const phiCorpus: { text: string; kinds: FindingKind[] }[] = [
  // Positive examples
  { text: 'Maria Lopez is back on the trail after her knee rehab!', kinds: ['patient_name'] },
  { text: 'Huge thanks to Maria for sharing her story.', kinds: ['patient_name'] },
  { text: 'Ms. Lopez says the team changed her life.', kinds: ['patient_name'] },
  { text: 'Our Springfield neighbour is running again.', kinds: ['city'] },
  { text: 'Born 05/17/1984 and still setting records.', kinds: ['date_of_birth'] },
  { text: 'Happy birthday to our star patient, May 17, 1984 was a great day!', kinds: ['date_of_birth'] },
  { text: 'She had her surgery on March 3 and walked two weeks later.', kinds: ['date'] },
  { text: 'Seen on 3/14/2025 for a follow-up.', kinds: ['date'] },
  { text: 'Discharged 2025-02-28, home by lunch.', kinds: ['date'] },
  { text: 'Operated on the 12th of January, dancing by spring.', kinds: ['date'] },
  { text: 'Call her at (555) 201-3344 to hear the story.', kinds: ['phone'] },
  { text: 'Fax the referral to 555.201.9000 today.', kinds: ['phone'] },
  { text: 'Reach out at +1 555-201-3344.', kinds: ['phone'] },
  { text: 'Questions? maria.lopez@example.com will answer.', kinds: ['email'] },
  { text: 'She lives at 42 Elm Street, just around the corner.', kinds: ['address'] },
  { text: 'Mail thank-you cards to P.O. Box 118.', kinds: ['address'] },
  { text: 'Our friends in IL 62704 are cheering.', kinds: ['zip_code'] },
  { text: 'Delivery to zip 62704-1234 confirmed.', kinds: ['zip_code'] },
  { text: 'Chart MRN-20417 shows a full recovery.', kinds: ['record_number'] },
  { text: 'Account # 88213-44 was settled.', kinds: ['record_number'] },
  { text: 'Member ID: XQH449821 enrolled in the program.', kinds: ['record_number'] },
  { text: 'Her photos are at https://photos.example.com/maria-lopez', kinds: ['url'] },
  { text: 'Logged in from 10.20.30.40 to book.', kinds: ['ip_address'] },
  { text: 'At 93 years old, she is our oldest runner.', kinds: ['age_over_89'] },
  { text: 'Aged 97 and still gardening!', kinds: ['age_over_89'] },
  { text: 'SSN 123-45-6789 must never be posted.', kinds: ['ssn'] },
  { text: 'Maria, 93-year-old grandmother from Springfield, called (555) 201-3344.', kinds: ['patient_name', 'age_over_89', 'city', 'phone'] },
  // Negative examples: ordinary marketing copy that identifies no one
  { text: 'Thank you to all our patients for a wonderful year!', kinds: [] },
  { text: 'Our team walked 10000 steps for charity in 2025.', kinds: [] },
  { text: 'Physical therapy helps you move better. Book a consultation today.', kinds: [] },
  { text: 'Five stars! The staff were kind and the results speak for themselves.', kinds: [] },
  { text: 'We are open Monday to Friday, 8 to 6.', kinds: [] },
  { text: 'At 45, she thought running was behind her.', kinds: [] },
  { text: 'Our clinic turned 25 this year. Thank you, community!', kinds: [] },
  { text: 'May your holidays be restful and pain-free.', kinds: [] },
  { text: 'Strength, balance and confidence: three goals for every patient.', kinds: [] },
  { text: 'Join our free workshop on posture this spring.', kinds: [] },
  { text: 'Real stories, shared with permission.', kinds: [] },
  { text: 'Recovery takes time, and our therapists are with you every step.', kinds: [] },
  { text: 'Winner of the 2024 community health award.', kinds: [] },
];
