/** The demo store's fictional practice (here alone, so `demo --help` answers without loading the demo data). */
export const demoPracticeName = 'Riverside Physical Therapy';
