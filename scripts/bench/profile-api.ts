import { type ChildProcess, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import inspector from 'node:inspector';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * `node dist/scripts/bench/profile-api.js [--user province_admin] [--path '/rollup/statistics?tenantCode=220000&period=2025']
 *   [--connections 16] [--duration 15] [--out /tmp/api.cpuprofile]` with DATABASE_URL (and REDIS_URL) set:
 * where the API process spends its CPU on one route under load. Starts the API (LOG_LEVEL warn,
 * as the benchmarks do; other env such as ROLLUP_STATISTICS_CACHE passes through) with this file
 * preloaded, warms it for 3 s, then runs autocannon (this process: a second process on loopback)
 * while the V8 sampling profiler runs inside the API, and prints the API's CPU per request and
 * the frames (inclusive) that take the most of it. The .cpuprofile opens in Chrome DevTools.
 *
 * Preloaded (`--import`, with CPU_PROFILE_OUT set) the same file is the profiler's switch:
 * SIGWINCH starts it, the next SIGWINCH writes the profile (Nest's shutdown hooks own SIGUSR2).
 */
if (process.env.CPU_PROFILE_OUT && !process.argv[1]?.endsWith('profile-api.js')) {
  const session = new inspector.Session();
  session.connect();
  let running = false;
  process.on('SIGWINCH', () => {
    if (!running) {
      session.post('Profiler.enable', () =>
        session.post('Profiler.setSamplingInterval', { interval: 200 }, () => session.post('Profiler.start')),
      );
    } else {
      session.post('Profiler.stop', (err, r) => {
        if (!err) writeFileSync(process.env.CPU_PROFILE_OUT!, JSON.stringify(r.profile));
        console.log('cpu profile written');
      });
    }
    running = !running;
  });
} else if (process.argv[1]?.endsWith('profile-api.js')) {
  await main();
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

/** Self samples summed along each stack: per frame (function@package), the time with it anywhere on the stack. */
export function inclusiveTimes(profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + profile.timeDeltas[i]));
  const frame = (n: ProfileNode) => {
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(n.callFrame.url)?.[1] ?? n.callFrame.url.split('/').pop();
    return `${n.callFrame.functionName || '(anonymous)'}@${pkg}`;
  };
  const inclusive = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (const [id, us] of self) {
    total += us;
    if (byId.get(id)!.callFrame.functionName === '(idle)') idle += us;
    const seen = new Set<string>();
    for (let x: number | undefined = id; x !== undefined; x = parent.get(x)) {
      const f = frame(byId.get(x)!);
      if (!seen.has(f)) inclusive.set(f, (inclusive.get(f) ?? 0) + us);
      seen.add(f);
    }
  }
  return { totalUs: total, busyUs: total - idle, inclusive: [...inclusive.entries()].sort((a, b) => b[1] - a[1]) };
}

async function main() {
  const args = Object.fromEntries(
    process.argv
      .slice(2)
      .reduce<[string, string][]>((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
  );
  const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');
  const out = path.resolve(args.out ?? '/tmp/techmarket-api.cpuprofile');
  const route = args.path ?? '/rollup/statistics?tenantCode=220000&period=2025';
  const connections = Number(args.connections ?? 16);
  const duration = Number(args.duration ?? 15);
  const api: ChildProcess = spawn(process.execPath, ['--import', new URL(import.meta.url).href, 'dist/apps/api/src/main.js'], {
    cwd: root,
    env: { LOG_LEVEL: 'warn', PORT: '0', RATE_LIMIT_PER_MINUTE: '100000000', ...process.env, CPU_PROFILE_OUT: out },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (c: Buffer) => {
      log += c.toString();
      const m = /listening on (http:\/\/\S+)/.exec(log);
      if (m) resolve(m[1]);
    };
    api.stdout!.on('data', onData);
    api.stderr!.on('data', onData);
    api.on('exit', (code) => reject(new Error(`API exited ${code}: ${log}`)));
  });
  try {
    const login = await fetch(`${url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: args.user ?? 'province_admin', password: 'Demo@2026' }),
    });
    const headers = { authorization: `Bearer ${((await login.json()) as { accessToken: string }).accessToken}` };
    const { default: autocannon } = await import('autocannon');
    const run = (seconds: number) => autocannon({ url: `${url}${route}`, connections, duration: seconds, headers });
    await run(3);
    api.kill('SIGWINCH');
    const result = await run(duration);
    const written = new Promise<void>((resolve) =>
      api.stdout!.on('data', (c: Buffer) => c.toString().includes('cpu profile written') && resolve()),
    );
    api.kill('SIGWINCH');
    await written;
    const { totalUs, busyUs, inclusive } = inclusiveTimes(JSON.parse(await readFile(out, 'utf8')));
    const requests = result.requests.total;
    console.log(
      `# ${route}, ${connections} connections × ${duration} s: ${requests} requests (${result.non2xx} not 2xx), ${result.requests.average} req/s`,
    );
    console.log(
      `API process: ${(busyUs / 1000).toFixed(0)} ms busy of ${(totalUs / 1000).toFixed(0)} ms → ${(busyUs / 1000 / requests).toFixed(3)} ms CPU per request`,
    );
    console.log(`profile: ${out}\n\n| frame (inclusive) | share of busy | ms per request |\n|---|---|---|`);
    for (const [f, us] of inclusive.filter(([f]) => !/^\((root|idle|program)\)@/.test(f)).slice(0, Number(args.top ?? 60)))
      console.log(`| ${f} | ${((us / busyUs) * 100).toFixed(1)} % | ${(us / 1000 / requests).toFixed(3)} |`);
  } finally {
    api.kill('SIGTERM');
  }
}
