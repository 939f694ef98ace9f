// @vitest-environment happy-dom
import { act, createElement as h } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { AnnouncerProvider } from '../../../../../src/renderer/src/components/Announcer';
import { SentCodePanel } from '../../../../../src/renderer/src/components/SentCodePanel';
import { useAction } from '../../../../../src/renderer/src/state/useAction';
import { useForm } from '../../../../../src/renderer/src/state/useForm';
import { click, inputLabelled, type Mounted, mount, type } from '../../support/render';

/** What the panel was asked to do, in order. */
type Event = `check ${string}` | 'resend' | 'cancel';

/**
 * The panel wired as the profile's code panels wire it: a real `useForm` for the code and a real
 * `useAction` for "Send a new code". `check` resolves when the test says so, to see the panel busy.
 */
function Panel({ events, check }: { events: Event[]; check: () => Promise<void> }) {
  const form = useForm({ initial: { code: '' } });
  const resend = useAction(async () => {
    events.push('resend');
  });
  return h(SentCodePanel, {
    title: 'Enter the code we texted',
    form,
    onSubmit: form.submit(async ({ code }) => {
      events.push(`check ${code}`);
      await check();
    }),
    destination: '+*******0152',
    purpose: 'verify +1 503 555 0152',
    codeLabel: 'Code from the text message',
    resend,
    onCancel: () => {
      events.push('cancel');
    },
    notices: h('p', { 'data-testid': 'notice' }, 'We sent a new code.'),
    submitLabel: 'Verify phone number',
  });
}

let mounted: Mounted | undefined;
afterEach(async () => {
  await mounted?.unmount();
  mounted = undefined;
});

async function render(check: () => Promise<void> = async () => {}) {
  const events: Event[] = [];
  mounted = await mount(h(AnnouncerProvider, null, h(Panel, { events, check })));
  const { container } = mounted;
  const button = (name: string) =>
    [...container.querySelectorAll('button')].find(
      (b) => b.textContent?.trim() === name,
    ) as HTMLButtonElement;
  return { container, events, button, code: inputLabelled(container, 'Code from the text message') };
}

describe('SentCodePanel', () => {
  it('names the form, says where the code went and what it is for, and shows the notices above the field', async () => {
    const { container } = await render();
    const form = container.querySelector('form') as HTMLFormElement;
    expect(form.getAttribute('aria-label')).toBe('Enter the code we texted');
    expect(container.querySelector('p.muted')?.textContent).toBe(
      'We sent a 6-digit code to +*******0152. Enter it to verify +1 503 555 0152.',
    );
    expect(container.querySelector('strong')?.textContent).toBe('+*******0152');
    const notice = container.querySelector('[data-testid="notice"]') as HTMLElement;
    const field = container.querySelector('.field') as HTMLElement;
    expect(notice.compareDocumentPosition(field) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('submits the code (digits only), cancels, and sends a new code', async () => {
    const { events, button, code } = await render();
    await type(code, '123 456');
    await click(button('Verify phone number'));
    await click(button('Cancel'));
    await click(button('Send a new code'));
    expect(events).toEqual(['check 123456', 'cancel', 'resend']);
  });

  it('while the code is being checked, neither Cancel nor "Send a new code" can be pressed', async () => {
    let settle = () => {};
    const { events, button, code } = await render(() => new Promise<void>((resolve) => (settle = resolve)));
    await type(code, '123456');
    await click(button('Verify phone number'));
    expect(button('Send a new code').disabled).toBe(true);
    expect(button('Cancel').disabled).toBe(true);
    await click(button('Send a new code'));
    expect(events).toEqual(['check 123456']);
    await act(async () => settle());
    expect(button('Send a new code').disabled).toBe(false);
    await click(button('Send a new code'));
    expect(events).toEqual(['check 123456', 'resend']);
  });
});
