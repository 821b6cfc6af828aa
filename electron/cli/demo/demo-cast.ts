import type { AuthorizationTerms } from '../../../shared/authorization/scope';
import type { PatientFields } from '../../../shared/patients';

/**
 * The demo practice's patients, their testimonials and the words of their
 * posts. Every person here is invented: names chosen to be common, phone
 * numbers in the 555-01xx range reserved for fiction, addresses at
 * example.com, cities that fit the fictional practice.
 */
export const patientKeys = ['evelyn', 'marcus', 'daniel', 'priya', 'jose', 'lucia', 'sofia', 'grace', 'minh', 'walter'] as const;
export type PatientKey = (typeof patientKeys)[number];

export const demoPatients: Record<PatientKey, PatientFields> = {
  evelyn: {
    firstName: 'Evelyn',
    lastName: 'Brooks',
    dateOfBirth: '1961-08-02',
    recordNumber: 'RPT-10482',
    phone: '(217) 555-0142',
    email: 'evelyn.brooks@example.com',
    city: 'Maple Grove',
  },
  marcus: {
    firstName: 'Marcus',
    lastName: 'Thompson',
    dateOfBirth: '1979-02-19',
    recordNumber: 'RPT-10517',
    phone: '(217) 555-0117',
    email: 'mthompson@example.net',
    city: 'Riverside',
  },
  daniel: {
    firstName: 'Daniel',
    lastName: 'Kowalski',
    dateOfBirth: '1988-11-05',
    recordNumber: 'RPT-10533',
    phone: '(217) 555-0176',
    email: null,
    city: 'Cedar Falls',
  },
  priya: {
    firstName: 'Priya',
    lastName: 'Raman',
    dateOfBirth: '1992-04-27',
    recordNumber: 'RPT-10561',
    phone: '(217) 555-0128',
    email: 'priya.raman@example.org',
    city: 'Riverside',
  },
  jose: {
    firstName: 'José',
    lastName: 'Hernández',
    dateOfBirth: '1955-12-09',
    recordNumber: 'RPT-10590',
    phone: '(217) 555-0190',
    email: null,
    city: 'Riverside',
  },
  lucia: {
    firstName: 'Lucía',
    lastName: 'Fernández',
    dateOfBirth: '1983-06-14',
    recordNumber: 'RPT-10644',
    phone: '(217) 555-0151',
    email: 'lucia.fernandez@example.com',
    city: 'Maple Grove',
  },
  sofia: {
    firstName: 'Sofía',
    lastName: 'Morales',
    dateOfBirth: '2011-03-14',
    recordNumber: 'RPT-10671',
    phone: '(217) 555-0166',
    email: null,
    city: 'Riverside',
  },
  grace: {
    firstName: 'Grace',
    lastName: 'Okafor',
    dateOfBirth: '1974-09-30',
    recordNumber: 'RPT-10702',
    phone: '(217) 555-0104',
    email: 'grace.okafor@example.com',
    city: 'Cedar Falls',
  },
  minh: {
    firstName: 'Minh',
    lastName: 'Nguyễn',
    dateOfBirth: '1990-01-21',
    recordNumber: 'RPT-10718',
    phone: '(217) 555-0183',
    email: 'minh.nguyen@example.net',
    city: 'Riverside',
  },
  walter: {
    firstName: 'Walter',
    lastName: 'Jensen',
    dateOfBirth: '1948-07-11',
    recordNumber: 'RPT-10733',
    phone: '(217) 555-0139',
    email: null,
    city: 'Riverside',
  },
};

export const patientFullName = (key: PatientKey) => `${demoPatients[key].firstName} ${demoPatients[key].lastName}`;

/** Complete terms from the parts that differ between patients. */
export function demoTerms(parts: Pick<AuthorizationTerms, 'expiration'> & {
  language?: AuthorizationTerms['language'];
  contentKinds: AuthorizationTerms['scope']['contentKinds'];
  channels: AuthorizationTerms['scope']['channels'];
  purposes: AuthorizationTerms['scope']['purposes'];
  payer?: string;
  representative?: AuthorizationTerms['representative'];
}): AuthorizationTerms {
  return {
    language: parts.language ?? 'en',
    scope: { contentKinds: parts.contentKinds, channels: parts.channels, otherChannels: [], purposes: parts.purposes, otherPurposes: [] },
    expiration: parts.expiration,
    remuneration: { thirdPartyPays: parts.payer !== undefined, payer: parts.payer ?? '' },
    representative: parts.representative ?? null,
    combinedWith: [],
  };
}

/** The testimonials, in the patients' own words (the app records them; the posts quote them). */
export const demoTestimonials: Partial<Record<PatientKey, { title: string; quote: string }>> = {
  evelyn: {
    title: 'Walking every morning again',
    quote: 'After my fall I could barely manage the stairs at home. The team never gave up on me, and now I walk every morning.',
  },
  marcus: {
    title: 'Back on the bike',
    quote: 'Six weeks ago I could not ride to work. This week I rode there twice.',
  },
  daniel: {
    title: 'First 10K',
    quote: 'I signed up for my first 10K the day I finished therapy. Crossing that line felt like a second start.',
  },
  priya: {
    title: 'Back on the climbing wall',
    quote: 'I trusted the plan, one small step at a time. Three months later I was climbing again.',
  },
  jose: {
    title: 'Caminando con mis nietos',
    quote: 'Volví a caminar con mis nietos en el parque. Gracias a todo el equipo por su paciencia.',
  },
  lucia: {
    title: 'Volví a bailar',
    quote: 'Después de tres meses de terapia, volví a bailar salsa con mi esposo. Nunca pensé que sería posible.',
  },
  sofia: {
    title: 'Back on the soccer field',
    quote: 'I missed the whole spring season. Now I am back with my team and faster than before.',
  },
  grace: {
    title: 'Twelve weeks apart',
    quote: 'Look at those two pictures. Twelve weeks of hard work, and I stand tall again.',
  },
};
