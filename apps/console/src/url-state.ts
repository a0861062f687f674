import { useSearchParams } from 'react-router';

/**
 * A list's state (tab, status, filters, cursor) kept in the URL, so a reload or a shared link
 * shows the same page and the back button goes back to it. Changing anything but the cursor goes
 * back to the first page.
 */
export function useUrlState(defaults: Record<string, string> = {}) {
  const [params, setParams] = useSearchParams();
  const get = (key: string): string | undefined => params.get(key) ?? defaults[key];
  const update = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('cursor' in patch)) next.delete('cursor');
    setParams(next);
  };
  return { get, update };
}

/** The same, with the named filters (and the cursor) read out as values. */
export function useUrlFilters<K extends string>(keys: readonly K[]) {
  const { get, update } = useUrlState();
  const values = Object.fromEntries(keys.map((k) => [k, get(k)])) as Record<K, string | undefined>;
  return { ...values, cursor: get('cursor'), update };
}
