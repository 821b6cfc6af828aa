import type { Api } from '../../shared/client';
import type { Role } from '../../shared/roles';

/**
 * The demo store: a fictional practice a newcomer can try at once. Every
 * name here is invented. Later features add their records by appending a
 * seeder to `demoSeeders` (patients, authorizations, testimonials, posts);
 * each seeder goes through the contract, so the demo data is audited and
 * validated like anything a person enters.
 */
export const demoPracticeName = 'Riverside Physical Therapy';

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
  /** Signed in as the demo administrator. */
  api: Api;
  /** The password every demo account gets. */
  password: string;
  /** Lines for the summary the `demo` command prints. */
  report: string[];
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

/** Steps after setup, in order. */
export const demoSeeders: readonly DemoSeeder[] = [seedStaff];

/**
 * Create the demo store in the backend's (empty) data folder and fill it.
 * Returns the recovery key and the summary lines.
 */
export async function seedDemoStore(api: Api, password: string): Promise<{ recoveryKey: string; report: string[] }> {
  const admin = demoStaff[0]!;
  const { recoveryKey } = await api['setup.create']({
    practiceName: demoPracticeName,
    adminUsername: admin.username,
    adminDisplayName: admin.displayName,
    password,
  });
  const context: DemoContext = { api, password, report: [] };
  for (const seed of demoSeeders) await seed(context);
  return { recoveryKey, report: context.report };
}
