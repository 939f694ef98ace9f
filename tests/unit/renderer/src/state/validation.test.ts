import { describe, expect, it } from 'vitest';
import { schemaErrors } from '../../../../../src/renderer/src/state/validation';
import { channels } from '../../../../../src/shared/ipc/contract';

describe('schemaErrors says limits in plain words (issue 29)', () => {
  it('turns zod\'s "Too big: expected string to have <=128 characters" into a sentence', () => {
    const errors = schemaErrors(channels['auth.signIn'].request, { login: 'x'.repeat(129), password: 'p' });
    expect(errors).toEqual({ login: 'Use at most 128 characters.' });
  });

  it("keeps a schema's own message where it has one", () => {
    const errors = schemaErrors(channels['auth.signIn'].request, { login: ' ', password: '' });
    expect(errors).toEqual({ login: 'Enter your username or email', password: 'Enter your password' });
  });
});
