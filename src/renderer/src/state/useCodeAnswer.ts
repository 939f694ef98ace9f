import type { z } from 'zod';
import { type Form, useForm } from './useForm';
import { schemaErrors } from './validation';

/**
 * The form of a screen that answers with one 6-digit code (authenticator, e-mailed or texted code,
 * e-mail confirmation): checked by its channel's schema; a refused code is cleared, so the next one
 * is typed (or pasted) into an empty field, and the error is still shown.
 */
export function useCodeAnswer(
  schema: z.ZodType,
  answer: (code: string) => Promise<void>,
): { form: Form<{ code: string }>; onSubmit: ReturnType<Form<{ code: string }>['submit']> } {
  const form = useForm({
    initial: { code: '' },
    validate: (values) => schemaErrors(schema, values),
  });
  const onSubmit = form.submit(async ({ code }) => {
    try {
      await answer(code);
    } catch (error) {
      form.set('code', '');
      throw error;
    }
  });
  return { form, onSubmit };
}
