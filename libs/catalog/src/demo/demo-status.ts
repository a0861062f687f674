/**
 * Where the demo load stands (演示数据加载进度), written by the demo loader to Redis and read by
 * the API, so `npm start` can serve at once while the demo catalog loads in the background.
 * Framework-free: the loader script and the controller share it.
 */
export const DEMO_STATUS_KEY = 'demo:status';

/** The stages the loader reports, in order (each line of its log is one). */
export const DEMO_STAGES = ['organisations', 'patents', 'achievements', 'demands', 'experts', 'indexes', 'policies'] as const;

export interface DemoStatus {
  state: 'loading' | 'done' | 'failed' | 'none';
  scale?: string;
  /** Stages finished so far, of DEMO_STAGES.length. */
  step?: number;
  steps?: number;
  /** The loader's last line (zh-CN and English). */
  message?: string;
  startedAt?: string;
  finishedAt?: string;
}
