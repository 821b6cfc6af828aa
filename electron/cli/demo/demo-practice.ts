/** The demo store's fictional practice (here alone, so `demo --help` answers without loading the demo data). */
export const demoPracticeName = 'Riverside Physical Therapy';

/** Where the demo practice receives revocations, printed on its authorizations. */
export const demoPracticeAddress = '120 River Road\nSpringfield, IL 62701';
