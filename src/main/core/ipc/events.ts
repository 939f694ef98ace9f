import { type EventName, type EventPayload, events } from '../../../shared/ipc/contract';
import type { Logger } from '../log';

/** Receives validated main → renderer events (Electron: every window; chromiumHost/: the page). */
export type EventSink = (event: EventName, payload: unknown) => void;

/** Typed publisher of main → renderer events; every payload is checked against the contract first. */
export interface EventHub {
  publish<E extends EventName>(event: E, payload: EventPayload<E>): void;
  /** Adds a sink; returns the function that removes it. */
  subscribe(sink: EventSink): () => void;
}

/** Creates the hub that core services publish auth-state changes through. */
export function createEventHub(log: Logger): EventHub {
  const sinks = new Set<EventSink>();
  return {
    publish(event, payload) {
      const checked = events[event].safeParse(payload);
      if (!checked.success) {
        log.error('ipc: event broke its contract', { event });
        return;
      }
      for (const sink of sinks) sink(event, checked.data);
    },
    subscribe(sink) {
      sinks.add(sink);
      return () => {
        sinks.delete(sink);
      };
    },
  };
}
