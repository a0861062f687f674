import { pollUntil } from './run.js';

/** How long tests wait for something asynchronous (a background job, a mail) before failing. */
export const WAIT_MS = Number(process.env.TEST_WAIT_MS ?? 60_000);

/**
 * Polls `probe` until it returns a truthy value and returns it; throws naming `what` after `ms`.
 * Tests wait with this, never with a fixed sleep: on a fast machine it returns at once, on a
 * loaded one it waits as long as it must.
 */
export function until<T>(what: string, probe: () => Promise<T | undefined | null | false>, ms = WAIT_MS): Promise<T> {
  return pollUntil(what, probe, { timeoutMs: ms, intervalMs: 100 });
}
