import type { Api } from '../../shared/client';
import type { Role } from '../../shared/roles';
import { DemoClock } from './demo/demo-clock';
import { demoChapters, emptyRecords, historyDays, type DemoRecords } from './demo/demo-chapters';

/**
 * The demo store: a fictional practice a newcomer can try at once. Every
 * name here is invented. Later features add their records by appending a
 * seeder to `demoSeeders` (patients, authorizations, testimonials, posts:
 * see demo/demo-chapters.ts); each seeder goes through the contract, so the
 * demo data is audited and validated like anything a person enters.
 */
export { demoPracticeName } from './demo/demo-practice';
import { demoPracticeAddress, demoPracticeName } from './demo/demo-practice';

export interface DemoStaffMember {
  username: string;
  displayName: string;
  role: Role;
  /** Disabled after creation: a former employee, to show what disabling looks like. */
  disabled?: boolean;
}

/** The first entry is the administrator who sets up the store. */
export const demoStaff: readonly DemoStaffMember[] = [
  { username: 'admin', displayName: 'Dana Whitfield', role: 'admin' },
  { username: 'frontdesk', displayName: 'Marisol Ortega', role: 'frontdesk' },
  { username: 'marketing', displayName: 'Theo Lindqvist', role: 'marketing' },
  { username: 'jpark', displayName: 'Jordan Park', role: 'frontdesk' },
  { username: 'rbaker', displayName: 'Riley Baker', role: 'marketing', disabled: true },
];

export interface DemoContext {
  /** Signed in as the demo administrator at first; chapters sign in as whoever does their part. */
  api: Api;
  /** The password every demo account gets. */
  password: string;
  /** Lines for the summary the `demo` command prints. */
  report: string[];
  /** The backend's clock: the history starts in the past and ends now (see demo/demo-clock.ts). */
  clock: DemoClock;
  /** What earlier seeders created, for later ones. */
  records: DemoRecords;
}

export type DemoSeeder = (context: DemoContext) => Promise<void>;

const seedStaff: DemoSeeder = async ({ api, password, report }) => {
  const [, ...others] = demoStaff;
  for (const member of others) {
    const created = await api['staff.create']({
      username: member.username,
      displayName: member.displayName,
      role: member.role,
      password,
    });
    if (member.disabled) await api['staff.disable']({ id: created.id });
  }
  report.push('Staff accounts (all with the password you gave):');
  for (const member of demoStaff) {
    report.push(`  ${member.username.padEnd(10)} ${member.role.padEnd(9)} ${member.displayName}${member.disabled ? ' (disabled)' : ''}`);
  }
};

/** The clock the demo's backend runs on: it starts on the first morning of the history. */
export function newDemoClock(): DemoClock {
  return new DemoClock(-historyDays, '08:45');
}

/** Steps after setup, in order. */
export const demoSeeders: readonly DemoSeeder[] = [seedStaff, ...demoChapters];

/**
 * Create the demo store in the backend's (empty) data folder and fill it.
 * The backend must run on `clock` (its `now` option), from `newDemoClock()`:
 * the store is created on the first day of the demo's history. Returns the recovery key and the
 * summary lines.
 */
export async function seedDemoStore(api: Api, password: string, clock: DemoClock): Promise<{ recoveryKey: string; report: string[] }> {
  const admin = demoStaff[0]!;
  const { recoveryKey } = await api['setup.create']({
    practiceName: demoPracticeName,
    adminUsername: admin.username,
    adminDisplayName: admin.displayName,
    password,
  });
  // The command prints the key to whoever ran it: that is the step the app would otherwise come back to.
  await api['store.confirmRecoveryKey']({});
  await api['settings.update']({ practiceAddress: demoPracticeAddress, practiceEmail: 'privacy@riverside-pt.example' });
  const context: DemoContext = { api, password, report: [], clock, records: emptyRecords() };
  for (const seed of demoSeeders) await seed(context);
  return { recoveryKey, report: context.report };
}
