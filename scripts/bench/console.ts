import type { ChildProcess } from 'node:child_process';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM, CHROMIUM_FLAGS } from '../chromium-launch.js';

/**
 * `npm run bench -- --console --scale jilin [--runs 7]`
 *
 * Time to the first usable page of the console (issue 11) on the Jilin demo data, as a new visitor
 * gets it: every run is a fresh browser context (empty cache, no session) in Debian's Chromium
 * (headless, through playwright-core; this process drives it, the API is its own process on
 * loopback, started like `npm start` with the built console and workers in-process).
 *
 * Per run, for each account: open /login → the form is usable (用户名 field visible); log in →
 * the landing page (成果检索) shows its results; then a cold load of /dashboard in a new context
 * with that session → the stat cards show their figures (the dashboard is usable), and → the
 * first chart is drawn. Also the JavaScript the dashboard transferred (gzip, from Resource Timing).
 * Medians and maxima over the runs. Results: stdout and docs/benchmarks/console-<scale>-<date>.md.
 */
export interface ConsoleBenchTools {
  args: Record<string, string>;
  root: string;
  redisUrl: string;
  dbUrl: string;
  prepareDatabase: () => Promise<void>;
  start: (main: string, env: NodeJS.ProcessEnv, ready: RegExp) => Promise<{ proc: ChildProcess; url: string }>;
}

const ACCOUNTS = ['province_admin', 'changchun_bureau'];
const PASSWORD = 'Demo@2026';

interface Run {
  loginForm: number;
  landing: number;
  dashboardUsable: number;
  dashboardCharts: number;
  dashboardJsKb: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function once(browser: Browser, url: string, username: string): Promise<Run> {
  const context = await browser.newContext({ baseURL: url, locale: 'zh-CN', viewport: { width: 1366, height: 860 } });
  context.setDefaultTimeout(120_000);
  const page = await context.newPage();
  let t = performance.now();
  await page.goto('/login');
  await page.getByLabel('用户名').waitFor();
  const loginForm = performance.now() - t;
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(PASSWORD);
  t = performance.now();
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL('**/catalog');
  await page.getByTestId('result-total').waitFor();
  const landing = performance.now() - t;
  const tokens = await page.evaluate(() => globalThis.localStorage.getItem('techmarket.tokens'));
  await context.close();

  // The dashboard, cold: a new context (empty HTTP cache) holding only the session.
  const cold = await browser.newContext({ baseURL: url, locale: 'zh-CN', viewport: { width: 1366, height: 860 } });
  cold.setDefaultTimeout(120_000);
  await cold.addInitScript((v) => globalThis.localStorage.setItem('techmarket.tokens', v), tokens!);
  const dash = await cold.newPage();
  t = performance.now();
  await dash.goto('/dashboard');
  await dash.getByTestId('stat-ready').first().waitFor();
  const dashboardUsable = performance.now() - t;
  await dash.getByTestId('chart-by-month').locator('svg').waitFor();
  const dashboardCharts = performance.now() - t;
  const jsBytes = await dash.evaluate(() =>
    (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
      .filter((e) => e.name.endsWith('.js'))
      .reduce((n, e) => n + e.encodedBodySize, 0),
  );
  await cold.close();
  return { loginForm, landing, dashboardUsable, dashboardCharts, dashboardJsKb: jsBytes / 1024 };
}

export async function runConsoleBench(t: ConsoleBenchTools) {
  const scale = t.args.scale ?? 'jilin';
  const runs = Number(t.args.runs ?? 7);
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: bash scripts/chromium.sh`);
  const built = spawnSync('bash', ['scripts/console.sh', 'ensure-built'], { cwd: t.root, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('the console did not build');
  await t.prepareDatabase();
  const api = await t.start(
    'dist/apps/api/src/main.js',
    {
      DATABASE_URL: t.dbUrl,
      REDIS_URL: t.redisUrl,
      LOG_LEVEL: 'warn',
      PORT: '0',
      RUN_WORKERS_IN_API: '1',
      REDIS_PREFIX: `benchconsole${process.pid}`,
    },
    /listening on (http:\/\/\S+)/,
  );
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS, headless: true });
  const lines = [
    `# Benchmark — the console's first usable page, ${scale} demo data`,
    '',
    `Run ${new Date().toISOString()} on ${os.cpus().length} × ${os.cpus()[0].model}; ${runs} runs per account, each in a fresh ` +
      'browser context (empty cache), headless Debian Chromium driven from this process, the API its own process on loopback.',
    `Command: \`npm run bench -- --console --scale ${scale} --runs ${runs}\``,
    '',
    '| account | login form usable ms | log in → 成果检索 results ms | cold /dashboard → stat cards ms | → first chart drawn ms | dashboard JS transferred KB (gzip) |',
    '|---|---|---|---|---|---|',
  ];
  try {
    // One unmeasured pass: the API's own caches and the OS file cache as after a first visitor.
    await once(browser, api.url, ACCOUNTS[0]);
    for (const username of ACCOUNTS) {
      const measured: Run[] = [];
      for (let i = 0; i < runs; i++) measured.push(await once(browser, api.url, username));
      const cell = (k: keyof Run) =>
        `${median(measured.map((r) => r[k])).toFixed(0)} (max ${Math.max(...measured.map((r) => r[k])).toFixed(0)})`;
      const line = `| ${username} | ${cell('loginForm')} | ${cell('landing')} | ${cell('dashboardUsable')} | ${cell('dashboardCharts')} | ${median(measured.map((r) => r.dashboardJsKb)).toFixed(0)} |`;
      lines.push(line);
      console.log(line);
    }
    lines.push('', 'Medians (max) over the runs.');
    const out = path.join(t.root, 'docs/benchmarks', `console-${scale}-${new Date().toISOString().slice(0, 10)}.md`);
    await mkdir(path.dirname(out), { recursive: true });
    await writeFile(out, `${lines.join('\n')}\n`);
    console.log(`written to ${path.relative(t.root, out)}`);
  } finally {
    await browser.close();
    api.proc.kill('SIGTERM');
  }
}
