import { PageHeading } from '../components/PageHeading';

export function NotFoundPage() {
  return (
    <>
      <PageHeading>Page not found</PageHeading>
      <p>There is no page at this address.</p>
      <p>
        <a href="#/">Go to Home</a>
      </p>
    </>
  );
}
