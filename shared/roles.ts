/**
 * Roles and what each may do: the one table the backend enforces for every
 * call and the renderer reads only to hide what a role cannot use.
 */
export const roles = ['admin', 'frontdesk', 'marketing'] as const;
export type Role = (typeof roles)[number];

export const roleLabels: Record<Role, string> = {
  admin: 'Administrator',
  frontdesk: 'Front desk',
  marketing: 'Marketing',
};

const everyone: readonly Role[] = roles;

export const permissionTable = {
  /** Add staff, change roles, reset passwords, disable accounts. */
  'staff.manage': ['admin'],
  /** Practice-wide settings such as the idle lock time. */
  'settings.manage': ['admin'],
  /** Read and verify the audit trail. */
  'audit.read': ['admin'],
  /** Store-level status: schema version, record counts, chain state. */
  'store.status': ['admin'],
  /** Write encrypted backups, set their schedule, and restore the store from one. */
  'store.backup': ['admin'],
  /** Delete signed authorizations whose six-year retention period is over. */
  'records.purge': ['admin'],
  /** Patients' identities, dates of birth and contact details. */
  'patients.read': ['admin', 'frontdesk'],
  'patients.write': ['admin', 'frontdesk'],
  /** Full authorizations: the signed document, evidence and PDF. */
  'consents.read': ['admin', 'frontdesk'],
  'consents.write': ['admin', 'frontdesk'],
  /**
   * The minimum needed to judge coverage: status, scope, expiry and the
   * patient's name as it may appear in a post. No date of birth, no contact.
   */
  'consents.readScope': everyone,
  'testimonials.read': ['admin', 'marketing'],
  'testimonials.write': ['admin', 'marketing'],
  'posts.read': ['admin', 'marketing'],
  'posts.write': ['admin', 'marketing'],
  /** Let identifiers that no marketing authorization should carry (a date, a phone number) go out in a post, with a written reason. */
  'posts.approveIdentifiers': ['admin'],
  /** The social-media policy (edit and publish versions), the review schedules and the program's settings. */
  'program.manage': ['admin'],
  /** Record training sessions and their materials; see everyone's training. */
  'training.manage': ['admin'],
  /** Incidents: the risk assessment, the notification decision, the report and the letter. */
  'incidents.manage': ['admin'],
  /** Answer "ask before posting" requests: approve, decline or comment on a draft post. */
  'postReviews.decide': ['admin'],
  /** Carry out the scheduled reviews of live posts and record what was removed. */
  'channelReviews.perform': ['admin', 'marketing'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissionTable;

/** What each permission lets someone do, for messages such as "Your role does not allow you to ...". */
export const permissionLabels: Record<Permission, string> = {
  'staff.manage': 'manage staff accounts',
  'settings.manage': 'change practice settings',
  'audit.read': 'read the audit trail',
  'store.status': 'see the store’s status',
  'store.backup': 'back up or restore the store',
  'records.purge': 'purge records past their retention period',
  'patients.read': 'see patients’ details',
  'patients.write': 'change patients’ details',
  'consents.read': 'see authorizations',
  'consents.write': 'prepare or revoke authorizations',
  'consents.readScope': 'see what authorizations cover',
  'testimonials.read': 'see testimonials',
  'testimonials.write': 'change testimonials',
  'posts.read': 'see posts',
  'posts.write': 'change posts',
  'posts.approveIdentifiers': 'approve identifiers in a post',
  'program.manage': 'manage the social-media policy and review schedules',
  'training.manage': 'record staff training',
  'incidents.manage': 'assess incidents',
  'postReviews.decide': 'answer requests to review a post',
  'channelReviews.perform': 'review live posts',
};

export function can(role: Role, permission: Permission): boolean {
  return (permissionTable[permission] as readonly Role[]).includes(role);
}

export function permissionsOf(role: Role): Permission[] {
  return (Object.keys(permissionTable) as Permission[]).filter((p) => can(role, p));
}
