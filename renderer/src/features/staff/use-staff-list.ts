import { useCallback } from 'react';
import type { StaffMember } from '../../../../shared/staff';
import { useApi } from '../../api/api-context';
import { staffChanges } from '../../api/record-events';
import { useLoaded } from '../../components/use-loaded';

/**
 * The staff list, loaded when the page opens, again after each change made
 * here, and again when an account changes anywhere (the `records.changed`
 * event: another window, or another workstation on the practice server).
 */
export function useStaffList(): { staff: StaffMember[] | null; error: string | null; reload: () => void } {
  const api = useApi();
  const load = useCallback(() => api['staff.list']({}), [api]);
  const { value, error, reload } = useLoaded(load, staffChanges);
  return { staff: value, error, reload };
}
