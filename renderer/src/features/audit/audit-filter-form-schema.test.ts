import { describe, expect, it } from 'vitest';
import { auditFilterSchema } from '../../../../shared/audit';
import { auditFilterFormSchema, noAuditFilter, toAuditFilter } from './audit-filter-form-schema';

describe('the audit filter form', () => {
  it('leaves empty boxes out of the call', () => {
    expect(toAuditFilter(noAuditFilter)).toEqual({});
    expect(toAuditFilter({ from: '2026-03-01', to: '', actor: 'sam', action: 'staff.' })).toEqual({
      from: '2026-03-01',
      actor: 'sam',
      action: 'staff.',
    });
  });

  it('accepts only what audit.list accepts', () => {
    const values = auditFilterFormSchema.parse({ from: '2026-03-01', to: '2026-03-31', actor: ' sam ', action: '' });
    expect(auditFilterSchema.safeParse(toAuditFilter(values)).success).toBe(true);
    expect(auditFilterFormSchema.safeParse({ ...noAuditFilter, from: '1 March' }).success).toBe(false);
  });

  it('refuses a range that ends before it starts, on the To field', () => {
    const result = auditFilterFormSchema.safeParse({ ...noAuditFilter, from: '2026-03-02', to: '2026-03-01' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['to']);
  });
});
