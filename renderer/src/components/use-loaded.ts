import { useCallback, useEffect, useState } from 'react';
import { messageOf } from './error-message';

interface Loaded<T> {
  load: () => Promise<T>;
  version: number;
  value: T | null;
  error: string | null;
}

/**
 * What a screen shows from the backend: `load` runs when the screen opens
 * (and whenever `load` itself changes: wrap it in useCallback), and again on
 * `reload()` after a change. While reloading, the previous value stays on
 * screen.
 */
export function useLoaded<T>(load: () => Promise<T>): { value: T | null; error: string | null; loading: boolean; reload: () => void } {
  const [version, setVersion] = useState(0);
  const [loaded, setLoaded] = useState<Loaded<T> | null>(null);

  useEffect(() => {
    let current = true;
    load().then(
      (value) => current && setLoaded({ load, version, value, error: null }),
      (error: unknown) => current && setLoaded({ load, version, value: null, error: messageOf(error) }),
    );
    return () => {
      current = false;
    };
  }, [load, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const same = loaded?.load === load ? loaded : null;
  return { value: same?.value ?? null, error: same?.error ?? null, loading: same === null || same.version !== version, reload };
}
