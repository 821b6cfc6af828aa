import { useCallback, useEffect, useState } from 'react';
import type { StaffMember } from '../../../../shared/staff';
import { useApi } from '../../api/api-context';
import { messageOf } from '../../components/error-message';

/** The staff list, loaded when the page opens and again after each change. */
export function useStaffList() {
  const api = useApi();
  const [staff, setStaff] = useState<StaffMember[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    try {
      setStaff(await api['staff.list']({}));
      setError(null);
    } catch (failure) {
      setError(messageOf(failure));
    }
  }, [api]);

  useEffect(() => {
    let current = true;
    api['staff.list']({}).then(
      (loaded) => current && setStaff(loaded),
      (failure: unknown) => current && setError(messageOf(failure)),
    );
    return () => {
      current = false;
    };
  }, [api]);

  return { staff, error, reload };
}
