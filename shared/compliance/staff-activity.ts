import type { Day } from '../calendar';
import type { Role } from '../roles';

/** One actor's count of one action in the range, as the audit trail gives it. */
export interface ActivityCount {
  actorId: string | null;
  actorName: string;
  action: string;
  count: number;
  firstAt: string;
  lastAt: string;
}

export interface StaffActivityRow {
  actorId: string | null;
  /** The username recorded in the trail (or "system", or a name tried at sign-in). */
  actorName: string;
  displayName: string | null;
  role: Role | null;
  total: number;
  actions: { action: string; count: number; firstAt: string; lastAt: string }[];
}

export interface StaffActivityReport {
  from: Day;
  to: Day;
  staff: StaffActivityRow[];
  totalEvents: number;
}

/**
 * Audit events per staff member per action over a range, busiest first.
 * Events without a staff member (the system, failed sign-ins under an
 * unknown name) are listed under the name recorded.
 */
export function staffActivityReport(
  counts: ActivityCount[],
  staff: { id: string; displayName: string; role: Role }[],
  from: Day,
  to: Day,
): StaffActivityReport {
  const byId = new Map(staff.map((s) => [s.id, s]));
  const rows = new Map<string, StaffActivityRow>();
  for (const c of counts) {
    const key = c.actorId ?? `name:${c.actorName}`;
    let row = rows.get(key);
    if (!row) {
      const member = c.actorId ? byId.get(c.actorId) : undefined;
      row = { actorId: c.actorId, actorName: c.actorName, displayName: member?.displayName ?? null, role: member?.role ?? null, total: 0, actions: [] };
      rows.set(key, row);
    }
    row.total += c.count;
    const existing = row.actions.find((a) => a.action === c.action);
    if (existing) {
      existing.count += c.count;
      if (c.firstAt < existing.firstAt) existing.firstAt = c.firstAt;
      if (c.lastAt > existing.lastAt) existing.lastAt = c.lastAt;
    } else {
      row.actions.push({ action: c.action, count: c.count, firstAt: c.firstAt, lastAt: c.lastAt });
    }
  }
  const sorted = [...rows.values()].sort((a, b) => b.total - a.total || a.actorName.localeCompare(b.actorName));
  for (const row of sorted) row.actions.sort((a, b) => b.count - a.count || a.action.localeCompare(b.action));
  return { from, to, staff: sorted, totalEvents: sorted.reduce((n, r) => n + r.total, 0) };
}
