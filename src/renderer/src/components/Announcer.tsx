import { createContext, type ReactNode, useCallback, useContext, useState } from 'react';

const AnnounceContext = createContext<(message: string) => void>(() => {});

/**
 * Returns `announce(message)`: says the message to screen readers through the app's one polite live
 * region. Saying the same words twice says them twice (each message is a new node in the region).
 */
export function useAnnounce(): (message: string) => void {
  return useContext(AnnounceContext);
}

/**
 * Holds the app's polite live region (test id `announcer`). It is rendered from the start and never
 * removed, because screen readers only follow changes in a live region they already know about.
 */
export function AnnouncerProvider({ children }: { children: ReactNode }) {
  const [said, setSaid] = useState({ message: '', count: 0 });
  const announce = useCallback(
    (message: string) => setSaid((previous) => ({ message, count: previous.count + 1 })),
    [],
  );
  return (
    <AnnounceContext.Provider value={announce}>
      {children}
      <div className="visually-hidden" aria-live="polite" data-testid="announcer">
        {said.message && <p key={said.count}>{said.message}</p>}
      </div>
    </AnnounceContext.Provider>
  );
}
