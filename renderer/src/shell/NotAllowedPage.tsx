import { permissionLabels, roleLabels, type Permission } from '../../../shared/roles';
import { PageHeading } from '../components/PageHeading';
import { useSession } from '../features/session/app-state-context';

/** A page the role may not use, reached by its address. Nothing is loaded for it. */
export function NotAllowedPage({ permission }: { permission: Permission }) {
  const session = useSession();
  return (
    <>
      <PageHeading>Not allowed</PageHeading>
      <p>
        Your role ({roleLabels[session.role]}) does not allow you to {permissionLabels[permission]}. If you need to, ask an
        administrator.
      </p>
      <p>
        <a href="#/">Go to Home</a>
      </p>
    </>
  );
}
