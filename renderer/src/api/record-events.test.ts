import { describe, expect, it } from 'vitest';
import { parseEventPayload } from '../../../shared/contract/contract-events';
import { anyRecord, isRelevant, staffChanges } from './record-events';

const staffEvent = { changes: [{ table: 'staff' as const, id: 'staff-jamie', kind: 'update' as const }], resync: false };
const patientEvent = { changes: [{ table: 'patients' as const, id: 'p1', kind: 'insert' as const }], resync: false };

describe('which screens read again on records.changed', () => {
  it('reads the Staff screen again when an account changes, and only then', () => {
    expect(isRelevant(staffEvent, staffChanges)).toBe(true);
    expect(isRelevant(patientEvent, staffChanges)).toBe(false);
    expect(isRelevant({ changes: [], resync: true }, staffChanges)).toBe(true);
  });

  it('leaves the summaries of the shared records (dashboard, Home) alone when only an account changed', () => {
    expect(isRelevant(staffEvent, anyRecord)).toBe(false);
    expect(isRelevant(patientEvent, anyRecord)).toBe(true);
  });

  it('takes a staff change from the shell by its id alone: a payload carrying a name is dropped', () => {
    expect(parseEventPayload('records.changed', staffEvent)).toEqual(staffEvent);
    const withName = { changes: [{ ...staffEvent.changes[0], username: 'jamie.rivera' }], resync: false };
    expect(parseEventPayload('records.changed', withName)).toBeNull();
  });
});
