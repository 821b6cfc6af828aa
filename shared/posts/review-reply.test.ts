import { describe, expect, it } from 'vitest';
import { checkReviewReply, safeReplies } from './review-reply';

const kinds = (text: string) => checkReviewReply(text).concerns.map((c) => c.kind);

describe('the review-reply checker', () => {
  it('flags a reply that confirms the patient and mentions their care', () => {
    const check = checkReviewReply("We're sorry your knee surgery with Dr. Lee on March 3 didn't meet your expectations");
    expect(check.safe).toBe(false);
    expect(check.concerns.map((c) => [c.kind, c.text])).toEqual([
      ['confirms_patient', 'your knee surgery'],
      ['health', 'knee surgery'],
      ['name', 'Dr. Lee'],
      ['date_time', 'March 3'],
    ]);
  });

  it('finds what regulators fined, in English and Spanish', () => {
    expect(kinds('Mrs. Nguyen, we are sorry about the wait.')).toEqual(['name']);
    expect(kinds("We're glad your son's braces came off!")).toEqual(['family', 'health']);
    expect(kinds('Sorry your 3:30 appointment ran late.')).toEqual(['confirms_patient', 'date_time']);
    expect(kinds('We only saw you once.')).toEqual(['confirms_patient']);
    expect(kinds('Welcome back!')).toEqual(['confirms_patient']);
    expect(kinds('You still owe $250.')).toEqual(['confirms_patient', 'money']);
    expect(kinds('Hola María, lamentamos lo del martes pasado.')).toEqual(['name', 'date_time']);
    expect(kinds('Todavía debe un saldo.')).toEqual(['confirms_patient', 'money']);
  });

  it('passes the safe pattern and generic service words, and the practice’s own contact details', () => {
    const context = { practiceName: 'Riverside Physical Therapy', contact: { phone: '(555) 010-2000', email: 'hello@riversidept.com', website: 'riversidept.com', address: '100 Main Street' } };
    for (const reply of [
      'Thank you for your feedback. Please call our office manager so we can help.',
      'Thanks for the kind words about our team.',
      'We offer physical therapy, dental cleanings and implants six days a week.',
      'Please call us at (555) 010-2000, write to hello@riversidept.com or visit riversidept.com.',
      'Gracias por sus comentarios. Por favor llame a nuestra oficina.',
    ]) {
      expect(checkReviewReply(reply, context), reply).toMatchObject({ safe: true, concerns: [] });
    }
  });

  it('offers the safe reply in both languages, first in the reply’s own, with the practice’s phone', () => {
    const es = checkReviewReply('Hola Jorge, ¿cómo sigue su rodilla?', { contact: { phone: '(555) 010-2000', email: '', website: '', address: '' } });
    expect(es.language).toBe('es');
    expect(es.suggestion).toBe(es.suggestions.es);
    expect(es.suggestions.es).toMatch(/^Gracias por tomarse el tiempo.*llame a nuestra oficina al \(555\) 010-2000/);
    expect(es.suggestions.en).toMatch(/^Thank you for taking the time.*call our office at \(555\) 010-2000/);
    // The suggestions are themselves safe.
    for (const text of Object.values(safeReplies())) expect(checkReviewReply(text).safe, text).toBe(true);
  });
});
