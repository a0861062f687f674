// After `vite build`: the JavaScript each first page loads, gzip-compressed, from the Vite manifest:
// the entry, the page's chunk and everything they import statically; for a signed-in page also the
// signed-in frame (Shell, lazy). The dashboard is counted again with its charts, which it loads once
// its figures are in. Fails when any first load passes its budget.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = path.resolve(import.meta.dirname, '../dist');
const manifest = JSON.parse(readFileSync(path.join(dist, '.vite/manifest.json'), 'utf8'));
const BUDGET_KB = Number(process.env.CONSOLE_FIRST_PAGE_BUDGET_KB ?? 500);
/**
 * Lazy chunks a page renders without a click, but only once its figures are in (the dashboard's
 * charts: ECharts, ~190 KB gzip, is requested after the statistics arrived and the stat cards and
 * tables are shown). Counted separately, with their own ceiling (docs/decisions/0017-console.md).
 */
const afterFigures = { Dashboard: ['src/Chart.tsx'] };
const WITH_CHARTS_KB = Number(process.env.CONSOLE_DASHBOARD_BUDGET_KB ?? 600);
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
const over = [];
const measure = (label, roots, budget) => {
  const files = [...closure(roots)].map((k) => manifest[k].file);
  const kb = files.reduce((n, f) => n + gz(f), 0) / 1024;
  if (kb > budget) over.push(`${label} (${kb.toFixed(0)} KB > ${budget} KB)`);
  console.log(`[console] first load of ${label.padEnd(22)} ${kb.toFixed(0).padStart(4)} KB JS gzip (${files.length} files)`);
};
for (const name of [
  'Login',
  'Dashboard',
  'Catalog',
  'Policies',
  'Demands',
  'Subsidies',
  'PluginCatalog',
  'SubMarkets',
  'Registrations',
  'Mine',
  'AgriRouting',
  'LocalOrgs',
  'Imports',
  'Campaigns',
]) {
  const roots = name === 'Login' ? [entry, page(name)] : [entry, shell, page(name)];
  measure(name, roots, BUDGET_KB);
  if (afterFigures[name]) measure(`${name} + its charts`, [...roots, ...afterFigures[name]], WITH_CHARTS_KB);
}
const all = Object.values(manifest).filter((c) => c.file.endsWith('.js'));
console.log(`[console] all JS: ${(all.reduce((n, c) => n + gz(c.file), 0) / 1024).toFixed(0)} KB gzip in ${all.length} files`);
if (over.length) {
  console.error(`[console] past the budget: ${over.join(', ')}`);
  process.exit(1);
}
