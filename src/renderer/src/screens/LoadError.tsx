import { Banner } from '../components/Banner';
import { Button } from '../components/Button';
import { AuthCard } from '../components/Layout';

/** When Gatehouse could not even read the session state at start. */
export function LoadError({ message }: { message: string }) {
  return (
    <AuthCard testId="screen-load-error" title="Gatehouse could not start">
      <Banner tone="error" actions={<Button onClick={() => window.location.reload()}>Try again</Button>}>
        {message}
      </Banner>
    </AuthCard>
  );
}
