import { act, type ReactElement } from 'react';
import { createRoot } from 'react-dom/client';

// Tells React that updates are wrapped in act(), so effects and state changes are flushed by it.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** A React tree rendered into the test's DOM (happy-dom), with a way to tear it down. */
export interface Mounted {
  container: HTMLElement;
  unmount: () => Promise<void>;
}

/** Renders `element` into a fresh container under document.body and flushes its effects. */
export async function mount(element: ReactElement): Promise<Mounted> {
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  await act(async () => root.render(element));
  return {
    container,
    unmount: async () => {
      await act(async () => root.unmount());
      container.remove();
    },
  };
}

/** Types into a controlled input as a user would: sets the value the way the browser does, then fires `input`. */
export async function type(input: HTMLInputElement, value: string): Promise<void> {
  await act(async () => {
    const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(input), 'value')?.set;
    setter?.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

/** Clicks an element and lets whatever it started (a promise, its state updates) settle. */
export async function click(element: HTMLElement): Promise<void> {
  await act(async () => element.click());
}

/** The input a `<label>` with exactly this text points at. */
export function inputLabelled(container: HTMLElement, label: string): HTMLInputElement {
  const found = [...container.querySelectorAll('label')].find((l) => l.textContent?.trim() === label);
  const input = found ? container.ownerDocument.getElementById(found.htmlFor) : null;
  if (!(input instanceof HTMLInputElement)) throw new Error(`no input labelled "${label}"`);
  return input;
}
