import type { FormInstance, Rule } from 'antd/es/form';
import type { z } from 'zod';
import i18n from '../i18n/index.ts';

/**
 * An antd Form rule that runs a field schema from @seatline/shared, so forms enforce exactly what
 * the server validates, with a message in the UI language.
 */
export function zodRule(schema: z.ZodType, messageKey: string, options: Record<string, unknown> = {}): Rule {
  return {
    validator: async (_rule, value: unknown) => {
      if (value === undefined || value === null || value === '') return; // `required` reports emptiness
      const result = schema.safeParse(value);
      if (!result.success) throw new Error(i18n.t(messageKey, options));
    },
  };
}

export function required(field: string): Rule {
  return { required: true, whitespace: true, message: i18n.t('validation.required', { field }) };
}

export function maxLength(field: string, max: number): Rule {
  return { max, message: i18n.t('validation.max', { field, max }) };
}

/**
 * Mirrors the server's password policy (auth.weak_password): at least 10 characters,
 * letters and digits, and not containing the username.
 */
export function passwordPolicy(username?: () => string | undefined): Rule {
  return {
    validator: async (_rule, value: unknown) => {
      if (typeof value !== 'string' || value === '') return;
      const name = username?.()?.toLowerCase();
      const ok =
        value.length >= 10 &&
        value.length <= 256 &&
        /[a-zA-Z]/.test(value) &&
        /\d/.test(value) &&
        !(name && name.length > 0 && value.toLowerCase().includes(name));
      if (!ok) throw new Error(i18n.t('validation.password'));
    },
  };
}

/** Runs the form's validation; resolves to null (errors already shown on the fields) instead of rejecting. */
export async function validate<T>(form: FormInstance<T>): Promise<T | null> {
  try {
    return await form.validateFields();
  } catch {
    return null;
  }
}
