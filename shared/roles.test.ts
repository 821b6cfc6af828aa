import { describe, expect, it } from 'vitest';
import { can, permissionLabels, permissionTable, permissionsOf, roles } from './roles';

describe('the role table', () => {
  it('gives the administrator everything', () => {
    expect(permissionsOf('admin')).toEqual(Object.keys(permissionTable));
  });

  it('gives the front desk patients and consents, not staff, audit, testimonials or posts', () => {
    expect(permissionsOf('frontdesk').sort()).toEqual(
      ['consents.read', 'consents.readScope', 'consents.write', 'patients.read', 'patients.write'].sort(),
    );
  });

  it('gives marketing testimonials, posts and only the scope of consents: no patient details', () => {
    expect(can('marketing', 'consents.readScope')).toBe(true);
    for (const p of ['patients.read', 'consents.read', 'staff.manage', 'audit.read'] as const) {
      expect(can('marketing', p)).toBe(false);
    }
  });

  it('has a label for every permission and only known roles', () => {
    for (const [permission, allowed] of Object.entries(permissionTable)) {
      expect(permissionLabels[permission as keyof typeof permissionTable]).toBeTruthy();
      for (const role of allowed) expect(roles).toContain(role);
    }
  });
});
