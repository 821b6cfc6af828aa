import { useCallback, useEffect, useState } from 'react';
import { useRecordsChanged, type ChangeFilter } from '../api/record-events';
import { messageOf } from './error-message';

interface Loaded<T> {
  load: () => Promise<T>;
  version: number;
  value: T | null;
  error: string | null;
}

const nothing: ChangeFilter = { tables: [] };

/**
 * What a screen shows from the backend: `load` runs when the screen opens
 * (and whenever `load` itself changes: wrap it in useCallback), and again on
 * `reload()` after a change. While reloading, the previous value stays on
 * screen. With `refreshOn`, it reads again when committed changes touch
 * those records (the `records.changed` event), here or elsewhere; what is
 * shown stays until the new value replaces it, so scroll and focus stay too.
 */
export function useLoaded<T>(load: () => Promise<T>, refreshOn: ChangeFilter = nothing): { value: T | null; error: string | null; loading: boolean; reload: () => void } {
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
  useRecordsChanged(refreshOn, reload);
  const same = loaded?.load === load ? loaded : null;
  return { value: same?.value ?? null, error: same?.error ?? null, loading: same === null || same.version !== version, reload };
}
