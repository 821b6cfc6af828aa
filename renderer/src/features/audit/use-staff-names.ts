import { useEffect, useState } from 'react';
import { useApi } from '../../api/api-context';
import { useSession } from '../session/app-state-context';

/**
 * Staff names by id, to show "Sam Lee" rather than an id as an event's
 * subject. Only for those who may list staff; others see the id.
 */
export function useStaffNames(): ReadonlyMap<string, string> {
  const api = useApi();
  const session = useSession();
  const mayList = session.permissions.includes('staff.manage');
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());

  useEffect(() => {
    if (!mayList) return;
    let current = true;
    api['staff.list']({}).then(
      (staff) => current && setNames(new Map(staff.map((member) => [member.id, `${member.displayName} (${member.username})`]))),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [api, mayList]);

  return names;
}
