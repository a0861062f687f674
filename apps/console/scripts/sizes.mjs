// After `vite build`: the JavaScript each first page loads (the entry, the page's chunk and
// everything they import statically), gzip-compressed, from the Vite manifest. Fails past the budget.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = path.resolve(import.meta.dirname, '../dist');
const manifest = JSON.parse(readFileSync(path.join(dist, '.vite/manifest.json'), 'utf8'));
const BUDGET_KB = Number(process.env.CONSOLE_FIRST_PAGE_BUDGET_KB ?? 500);
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
let over = false;
for (const name of ['Login', 'Catalog', 'Policies', 'Subsidies']) {
  const files = [...closure([entry, page(name)])].map((k) => manifest[k].file);
  const kb = files.reduce((n, f) => n + gz(f), 0) / 1024;
  if (name === 'Login' && kb > BUDGET_KB) over = true; // every visitor's first page
  console.log(`[console] first load of ${name.padEnd(9)} ${kb.toFixed(0).padStart(4)} KB JS gzip (${files.length} files)`);
}
const all = Object.values(manifest).filter((c) => c.file.endsWith('.js'));
console.log(`[console] all JS: ${(all.reduce((n, c) => n + gz(c.file), 0) / 1024).toFixed(0)} KB gzip in ${all.length} files`);
if (over) {
  console.error(`[console] the first page (login) loads more than ${BUDGET_KB} KB JS gzip`);
  process.exit(1);
}
