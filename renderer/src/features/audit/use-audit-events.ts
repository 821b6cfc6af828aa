import { useCallback, useEffect, useState } from 'react';
import type { AuditEvent, AuditFilter } from '../../../../shared/audit';
import { useApi } from '../../api/api-context';
import { messageOf } from '../../components/error-message';

const pageSize = 50;

/** One request for the newest page: a new object for each filter or reload. */
export interface AuditQuery {
  filter: AuditFilter;
}

interface Loaded {
  query: AuditQuery;
  events: AuditEvent[];
  total: number;
  error: string | null;
}

/** The audit events for a query, newest first, with paging towards older ones. */
export function useAuditEvents(query: AuditQuery) {
  const api = useApi();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loadingOlder, setLoadingOlder] = useState(false);

  useEffect(() => {
    let current = true;
    api['audit.list']({ ...query.filter, limit: pageSize }).then(
      (page) => current && setLoaded({ query, events: page.events, total: page.total, error: null }),
      (error: unknown) => current && setLoaded({ query, events: [], total: 0, error: messageOf(error) }),
    );
    return () => {
      current = false;
    };
  }, [api, query]);

  const fresh = loaded?.query === query ? loaded : null;

  const loadOlder = useCallback(async () => {
    const oldest = fresh?.events.at(-1);
    if (!fresh || !oldest) return;
    setLoadingOlder(true);
    try {
      const page = await api['audit.list']({ ...query.filter, beforeSeq: oldest.seq, limit: pageSize });
      setLoaded((prev) => (prev?.query === query ? { ...prev, events: [...prev.events, ...page.events] } : prev));
    } catch (error) {
      setLoaded((prev) => (prev?.query === query ? { ...prev, error: messageOf(error) } : prev));
    } finally {
      setLoadingOlder(false);
    }
  }, [api, fresh, query]);

  return {
    loading: fresh === null,
    events: fresh?.events ?? [],
    total: fresh?.total ?? 0,
    error: fresh?.error ?? null,
    loadingOlder,
    loadOlder,
  };
}
