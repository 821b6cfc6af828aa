import { roleLabel } from '../../i18n/labels';
import { roles } from '../../../../shared/roles';

/** The roles as <option>s, with a "choose" prompt when nothing is chosen yet. */
export function RoleOptions({ prompt }: { prompt?: string }) {
  return (
    <>
      {prompt ? <option value="">{prompt}</option> : null}
      {roles.map((role) => (
        <option key={role} value={role}>
          {roleLabel(role)}
        </option>
      ))}
    </>
  );
}
