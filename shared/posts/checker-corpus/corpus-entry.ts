import type { ReplyLanguage } from '../review-reply';

/** One example of the checkers' corpus: the text, its language, and the kinds a careful reader would mark (none: safe). */
export interface CorpusEntry {
  lang: ReplyLanguage;
  text: string;
  kinds: string[];
}

/** The practice and patient the examples speak of. */
export const corpusPractice = {
  name: 'Riverside Physical Therapy',
  contact: { phone: '(555) 010-2000', email: 'hello@riversidept.com', website: 'https://www.riversidept.com', address: '100 Main Street, Springfield, IL 62704' },
  patient: { firstName: 'Maria', lastName: 'Lopez' },
  places: ['Springfield'],
};
