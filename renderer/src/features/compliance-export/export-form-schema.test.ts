import { describe, expect, it } from 'vitest';
import { exportParamsSchema } from '../../../../shared/compliance/audit-bundle';
import { exportFormSchema, toExportParams } from './export-form-schema';

const filled = { from: '2025-01-01', to: '2025-12-31', states: [], includeNames: false };

describe('the export form', () => {
  it('sends no states filter when none is ticked, and only what exports.start accepts', () => {
    const params = toExportParams(exportFormSchema.parse(filled));
    expect(params).toEqual({ from: '2025-01-01', to: '2025-12-31', includeNames: false });
    expect(exportParamsSchema.safeParse(params).success).toBe(true);
    const some = toExportParams(exportFormSchema.parse({ ...filled, states: ['revoked', 'expired'], includeNames: true }));
    expect(some).toEqual({ from: '2025-01-01', to: '2025-12-31', includeNames: true, states: ['revoked', 'expired'] });
    expect(exportParamsSchema.safeParse(some).success).toBe(true);
  });

  it('names the box to fix: an empty day, a day that is not a date, a range the wrong way round', () => {
    const empty = exportFormSchema.safeParse({ ...filled, from: '' });
    expect(empty.error?.issues.map((i) => [i.path.join('.'), i.message])).toContainEqual(['from', 'Choose the first day.']);
    const notADay = exportFormSchema.safeParse({ ...filled, to: '31/12/2025' });
    expect(notADay.error?.issues.map((i) => i.path.join('.'))).toEqual(['to']);
    const backwards = exportFormSchema.safeParse({ ...filled, from: '2026-01-01' });
    expect(backwards.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['to', 'Choose a day on or after the “From” day.']]);
  });

  it('refuses a state that cannot be exported (drafts were never signed)', () => {
    expect(exportFormSchema.safeParse({ ...filled, states: ['draft'] }).success).toBe(false);
  });
});
