import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * The console's client-side paths (apps/console/src/routes.tsx). Each answers index.html; none is
 * an API route (the API has /policy/…, /subsidies/applications, never these exact paths), and
 * Fastify refuses to start if one ever were registered twice.
 */
export const CONSOLE_ROUTES = [
  '/login',
  '/catalog',
  '/policies',
  '/subsidies',
  '/dashboard',
  '/demand-desk',
  '/403',
  '/plugin-catalog',
  '/sub-markets',
  '/registration-desk',
  '/mine',
  '/agri-routing',
  '/local-orgs',
  '/bulk-import',
  '/campaign-desk',
];

const here = path.dirname(fileURLToPath(import.meta.url));
/** Repository root, from src (ts) or from dist (built). */
const root = path.resolve(here, here.split(path.sep).includes('dist') ? '../../../..' : '../../..');

/** Where the built console is: CONSOLE_DIR, or apps/console/dist (`npm run console:build`). */
export const consoleDir = () => process.env.CONSOLE_DIR ?? path.join(root, 'apps/console/dist');

/**
 * Serves the built console at `/`: its files (hashed assets cached for a year, index.html never)
 * and index.html for its client-side paths. Without a build the API runs as before and says so.
 */
export async function serveConsole(app: NestFastifyApplication): Promise<boolean> {
  const dir = consoleDir();
  if (!existsSync(path.join(dir, 'index.html'))) return false;
  await app.register(fastifyStatic as never, {
    root: dir,
    prefix: '/',
    wildcard: false, // a route per file found at start-up: no catch-all to shadow the API
    index: ['index.html'],
    // The .br/.gz the console's build wrote beside each file, for browsers that accept them (Vary: Accept-Encoding).
    preCompressed: true,
    allowedPath: (p: string) => !p.startsWith('/.vite'),
    setHeaders: (reply: { header: (k: string, v: string) => void }, file: string) =>
      reply.header('cache-control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache'),
  });
  const fastify = app.getHttpAdapter().getInstance();
  for (const url of CONSOLE_ROUTES)
    fastify.get(url, (_req, reply) => (reply as unknown as { sendFile: (f: string) => unknown }).sendFile('index.html'));
  return true;
}
