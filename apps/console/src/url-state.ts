import { useSearchParams } from 'react-router';

/**
 * A list's filters and page in the URL (?status=…&cursor=…), so a list can be shared, reloaded and
 * gone back to. Changing a filter starts again at the first page.
 */
export function useUrlFilters<K extends string>(keys: readonly K[]) {
  const [params, setParams] = useSearchParams();
  const values = Object.fromEntries(keys.map((k) => [k, params.get(k) ?? undefined])) as Record<K, string | undefined>;
  const update = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('cursor' in patch)) next.delete('cursor');
    setParams(next);
  };
  return { ...values, cursor: params.get('cursor') ?? undefined, update };
}
