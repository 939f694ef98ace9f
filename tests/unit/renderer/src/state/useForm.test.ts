// @vitest-environment happy-dom
import { act, createElement as h } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { ChannelError } from '../../../../../src/renderer/src/api';
import { AnnouncerProvider } from '../../../../../src/renderer/src/components/Announcer';
import { Field } from '../../../../../src/renderer/src/components/Field';
import { FormError } from '../../../../../src/renderer/src/components/FormParts';
import { useForm } from '../../../../../src/renderer/src/state/useForm';
import { click, inputLabelled, type Mounted, mount, type } from '../../support/render';

type Values = { name: string; email: string };

/** A two-field form wired the way the screens wire theirs: `form.field` spread into real `Field`s. */
function TestForm({ action }: { action: (values: Values) => Promise<void> }) {
  const form = useForm<Values>({
    initial: { name: '', email: '' },
    validate: (values) => (values.name.trim() ? {} : { name: 'Enter your name.' }),
  });
  return h(
    'form',
    { ref: form.formRef, onSubmit: form.submit(action), noValidate: true },
    h(FormError, { form }),
    h(Field, { label: 'Name', ...form.field('name') }),
    h(Field, { label: 'Email', ...form.field('email') }),
    h('button', { type: 'submit' }, form.pending ? 'Sending…' : 'Send'),
  );
}

let mounted: Mounted | undefined;
afterEach(async () => {
  await mounted?.unmount();
  mounted = undefined;
});

async function render(action: (values: Values) => Promise<void>) {
  mounted = await mount(h(AnnouncerProvider, null, h(TestForm, { action })));
  const { container } = mounted;
  const button = container.querySelector('button[type="submit"]') as HTMLButtonElement;
  return {
    container,
    name: inputLabelled(container, 'Name'),
    email: inputLabelled(container, 'Email'),
    submit: () => click(button),
    announced: () => container.querySelector('[data-testid="announcer"]')?.textContent ?? '',
    fieldErrors: () => [...container.querySelectorAll('.field-error')].map((e) => e.textContent),
  };
}

describe('useForm with form.field', () => {
  it('binds each field: typing shows in the input and reaches the action under its name', async () => {
    const sent: Values[] = [];
    const form = await render(async (values) => {
      sent.push(values);
    });
    await type(form.name, 'Ada');
    await type(form.email, 'ada@example.com');
    expect(form.name.value).toBe('Ada');
    expect(form.name.name).toBe('name');
    expect(form.email.name).toBe('email');
    await form.submit();
    expect(sent).toEqual([{ name: 'Ada', email: 'ada@example.com' }]);
  });

  it('stops on a validation error, marks and focuses that field, and announces it', async () => {
    let calls = 0;
    const form = await render(async () => {
      calls++;
    });
    await form.submit();
    expect(calls).toBe(0);
    expect(form.name.getAttribute('aria-invalid')).toBe('true');
    expect(form.fieldErrors()).toEqual(['Enter your name.']);
    expect(form.container.ownerDocument.activeElement).toBe(form.name);
    expect(form.announced()).toBe('One field needs attention. Name: Enter your name.');
  });

  it('puts an error from main on the field it names and keeps what was typed', async () => {
    const form = await render(async () => {
      throw new ChannelError({
        code: 'invalid_email',
        message: 'That email address looks wrong.',
        field: 'email',
      });
    });
    await type(form.name, 'Ada');
    await type(form.email, 'ada@');
    await form.submit();
    expect(form.email.getAttribute('aria-invalid')).toBe('true');
    expect(form.name.getAttribute('aria-invalid')).toBeNull();
    expect(form.fieldErrors()).toEqual(['That email address looks wrong.']);
    expect(form.container.ownerDocument.activeElement).toBe(form.email);
    expect([form.name.value, form.email.value]).toEqual(['Ada', 'ada@']);
    // Typing in the field clears its error.
    await type(form.email, 'ada@example.com');
    expect(form.fieldErrors()).toEqual([]);
  });

  it('shows any other failure in the banner, in plain words, and focuses the banner', async () => {
    const form = await render(async () => {
      throw new Error('socket hang up at 10.0.0.1');
    });
    await type(form.name, 'Ada');
    await form.submit();
    const banner = form.container.querySelector('[data-testid="form-error"]');
    expect(banner?.textContent).toBe('Something went wrong inside Gatehouse. Please try again.');
    expect(form.container.ownerDocument.activeElement).toBe(banner);
    expect(form.name.value).toBe('Ada');
  });

  it('is busy while the action runs and ignores a second submit meanwhile', async () => {
    let release: () => void = () => {};
    let calls = 0;
    const form = await render(
      () =>
        new Promise<void>((resolve) => {
          calls++;
          release = resolve;
        }),
    );
    await type(form.name, 'Ada');
    await form.submit();
    await form.submit();
    const button = form.container.querySelector('button[type="submit"]');
    expect(button?.textContent).toBe('Sending…');
    expect(calls).toBe(1);
    await act(async () => release());
    expect(button?.textContent).toBe('Send');
    await form.submit();
    expect(calls).toBe(2);
  });
});
