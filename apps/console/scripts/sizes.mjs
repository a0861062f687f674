// After `vite build`: the JavaScript each first page loads, gzip-compressed, from the Vite manifest:
// the entry, the page's chunk and everything they import statically; for a signed-in page also the
// signed-in frame (Shell, lazy) and the lazy chunks the page shows at once (its charts). Fails when
// any first page passes the budget.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = path.resolve(import.meta.dirname, '../dist');
const manifest = JSON.parse(readFileSync(path.join(dist, '.vite/manifest.json'), 'utf8'));
const BUDGET_KB = Number(process.env.CONSOLE_FIRST_PAGE_BUDGET_KB ?? 500);
/**
 * Pages allowed past the budget, each with its own ceiling (docs/decisions/0017-console.md): the
 * dashboard shows ECharts (~190 KB gzip) on its first screen.
 */
const OVER_TARGET = { Dashboard: Number(process.env.CONSOLE_DASHBOARD_BUDGET_KB ?? 600) };
const gz = (file) => gzipSync(readFileSync(path.join(dist, file))).length;

function closure(keys, seen = new Set()) {
  for (const k of keys) {
    if (seen.has(k)) continue;
    seen.add(k);
    closure(manifest[k].imports ?? [], seen);
  }
  return seen;
}
const entry = Object.keys(manifest).find((k) => manifest[k].isEntry);
const page = (name) => Object.keys(manifest).find((k) => k.endsWith(`src/pages/${name}.tsx`));
const shell = 'src/Shell.tsx';
/** Lazy chunks a page renders on its first screen (not behind a click). */
const shownAtOnce = { Dashboard: ['src/Chart.tsx'] };
const over = [];
for (const name of ['Login', 'Dashboard', 'Catalog', 'Policies', 'Demands', 'Subsidies', 'Mine', 'AgriRouting', 'LocalOrgs', 'Imports']) {
  const roots = name === 'Login' ? [entry, page(name)] : [entry, shell, page(name), ...(shownAtOnce[name] ?? [])];
  const files = [...closure(roots)].map((k) => manifest[k].file);
  const kb = files.reduce((n, f) => n + gz(f), 0) / 1024;
  if (kb > (OVER_TARGET[name] ?? BUDGET_KB)) over.push(name);
  console.log(`[console] first load of ${name.padEnd(9)} ${kb.toFixed(0).padStart(4)} KB JS gzip (${files.length} files)`);
}
const all = Object.values(manifest).filter((c) => c.file.endsWith('.js'));
console.log(`[console] all JS: ${(all.reduce((n, c) => n + gz(c.file), 0) / 1024).toFixed(0)} KB gzip in ${all.length} files`);
if (over.length) {
  console.error(`[console] first load past its budget (${BUDGET_KB} KB JS gzip; ${JSON.stringify(OVER_TARGET)}): ${over.join(', ')}`);
  process.exit(1);
}
