import { useState } from 'react';
import { App } from 'antd';
import { errorText } from './format.ts';

/**
 * One write from a form: the saving flag for the dialog's button, a success message, and the
 * server's own message on failure. Resolves true when the write succeeded, so the page can close
 * its dialog and reload.
 */
export function useSubmit() {
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const submit = async (write: () => Promise<unknown>, success: string): Promise<boolean> => {
    setSaving(true);
    try {
      await write();
      message.success(success);
      return true;
    } catch (error) {
      message.error(errorText(error));
      return false;
    } finally {
      setSaving(false);
    }
  };
  return { saving, submit };
}
