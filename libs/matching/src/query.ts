/** The query side of a matching run, framework-free: what IPC it is after. */
import { FIELD_IPC, INDUSTRY_FIELDS } from '@techmarket/catalog/fields';
import type { DemandIpc } from './score.js';

/**
 * What IPC a query is after: the classes it names and, for each of its 行业领域, the prefixes of the
 * field's concordance reading (`FIELD_IPC` of the catalog).
 */
export function demandIpc(fields: string[], declared: string[] = []): DemandIpc {
  return {
    declared,
    byField: fields.flatMap((f) => {
      const reading = FIELD_IPC[f as keyof typeof FIELD_IPC];
      return reading ? [{ field: f, label: INDUSTRY_FIELDS[f as keyof typeof INDUSTRY_FIELDS] ?? f, prefixes: reading.ipc }] : [];
    }),
  };
}
