import { useCallback, useEffect, useRef, useState } from 'react';
import { App } from 'antd';
import { errorText } from './format.ts';

/** Loads data on mount (and when `deps` change); shows a failure as a message. */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[] = []) {
  const { message } = App.useApp();
  const [data, setData] = useState<T | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const loadRef = useRef(load);
  loadRef.current = load;

  const reload = useCallback(async () => {
    setLoading(true);
    try {
      const value = await loadRef.current();
      setData(value);
      setError(null);
    } catch (err) {
      setError(err);
      message.error(errorText(err));
    } finally {
      setLoading(false);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [message, ...deps]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { data, loading, error, reload, setData };
}
