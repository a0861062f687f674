import type { Redis } from 'ioredis';
import type pg from 'pg';

export declare const RUN_PREFIX: string;
export declare function newRunId(): string;
export declare function currentRun(): { id: string; template: string; dir: string };
export declare function runStartedAt(name: string): number | null;
export declare function startTimeoutMs(): number;
export declare function adminUrl(): string;
export declare function databaseUrl(name: string): string;
export declare function redisUrl(): string;
export declare function withAdmin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T>;
export declare function withRedis<T>(fn: (r: Redis) => Promise<T>): Promise<T>;
export declare function pollUntil<T>(
  what: string,
  probe: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  opts?: { timeoutMs?: number; intervalMs?: number },
): Promise<T>;
export declare function createTemplate(template: string): Promise<void>;
export declare function dropDatabases(names: string[]): Promise<void>;
export declare function runDatabases(run: string): Promise<string[]>;
export declare function deleteRedisKeys(redis: Redis, pattern: string, keep?: (key: string) => boolean): Promise<number>;
export declare function cleanStaleRuns(opts?: { redis?: boolean }): Promise<{ databases: string[]; redisKeys: number }>;

export interface ProcessInfo {
  pid: number;
  url?: string;
  log: string;
}
/** A state file of the run directory: the processes of one shared or suite-own environment. */
export interface RunState {
  processes: ProcessInfo[];
  database?: string;
  redisPrefix?: string;
}
export declare function readStates(dir: string): { file: string; state: RunState }[];
export declare function writeState(file: string, state: RunState): void;
export declare function isAlive(pid: number): boolean;
export declare function stopPid(pid: number): Promise<void>;
export declare function startProcess(opts: {
  script: string;
  env: NodeJS.ProcessEnv;
  log: string;
  ready: RegExp;
  name: string;
}): Promise<{ pid: number; match: RegExpExecArray; seconds: number }>;
export declare function spawnedProcesses(dir: string): string[];
export declare function removeDir(dir: string): void;
