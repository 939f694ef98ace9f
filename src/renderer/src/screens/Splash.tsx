import { Brand } from '../components/Layout';
import { Spinner } from '../components/Spinner';

/** Shown while Gatehouse reads the session at start or signs in silently from the keychain. */
export function Splash({ message }: { message: string }) {
  return (
    <main className="splash" data-testid="screen-splash">
      <Brand />
      <p className="splash-message" role="status">
        <Spinner />
        <span>{message}</span>
      </p>
    </main>
  );
}
