import type { Role } from '../../../shared/roles';
import type { StaffMember, StaffStatus } from '../../../shared/staff';
import type { Db } from '../store/database';

type StaffRow = {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  status: StaffStatus;
  created_at: string;
  updated_at: string;
};

function toStaff(row: StaffRow): StaffMember {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    status: row.status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function listStaff(db: Db): StaffMember[] {
  return (db.prepare('SELECT * FROM staff ORDER BY display_name COLLATE NOCASE').all() as StaffRow[]).map(toStaff);
}

export function getStaffById(db: Db, id: string): StaffMember | undefined {
  const row = db.prepare('SELECT * FROM staff WHERE id = ?').get(id) as StaffRow | undefined;
  return row && toStaff(row);
}

export function getStaffByUsername(db: Db, username: string): StaffMember | undefined {
  const row = db.prepare('SELECT * FROM staff WHERE username = ?').get(username.toLowerCase()) as StaffRow | undefined;
  return row && toStaff(row);
}

export function insertStaff(db: Db, staff: StaffMember): void {
  db.prepare(
    `INSERT INTO staff (id, username, display_name, role, status, created_at, updated_at)
     VALUES (@id, @username, @displayName, @role, @status, @createdAt, @updatedAt)`,
  ).run(staff);
}

export function updateStaff(
  db: Db,
  id: string,
  changes: Partial<Pick<StaffMember, 'displayName' | 'role' | 'status'>>,
  updatedAt: string,
): StaffMember {
  const current = getStaffById(db, id);
  if (!current) throw new Error(`No staff member ${id}`);
  const next = { ...current, ...changes, updatedAt };
  db.prepare(
    'UPDATE staff SET display_name = @displayName, role = @role, status = @status, updated_at = @updatedAt WHERE id = @id',
  ).run(next);
  return next;
}

export function countActiveAdmins(db: Db): number {
  return (db.prepare("SELECT count(*) AS n FROM staff WHERE role = 'admin' AND status = 'active'").get() as { n: number }).n;
}
