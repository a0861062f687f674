// Plain JavaScript (ESM): read by the build, Jest and ESLint before anything is compiled.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The declared entry points of our libraries (`@techmarket/core`, `@techmarket/core/entities`, …)
 * live once, in tsconfig.json `paths`. The SWC build, Jest and ESLint take theirs from here, so
 * the three can never disagree, and an entry point that is not declared cannot be imported.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** `{ '@techmarket/core': 'libs/core/src/index.ts', … }` */
export function declaredEntryPoints() {
  const { paths } = JSON.parse(readFileSync(path.join(root, 'tsconfig.json'), 'utf8')).compilerOptions;
  return Object.fromEntries(Object.entries(paths).map(([k, [v]]) => [k, v.replace(/^\.\//, '')]));
}

/** SWC's options, shared by the build (.swcrc, written from here) and @swc/jest. */
export function swcOptions({ withPaths = true } = {}) {
  return {
    sourceMaps: true,
    module: { type: 'es6', resolveFully: true },
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      keepClassNames: true,
      ...(withPaths ? { baseUrl: root, paths: Object.fromEntries(Object.entries(declaredEntryPoints()).map(([k, v]) => [k, [v]])) } : {}),
    },
  };
}

/** Jest's moduleNameMapper for the declared entry points (exact names only: no wildcard deep imports). */
export function jestModuleNameMapper() {
  const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return Object.fromEntries(Object.entries(declaredEntryPoints()).map(([k, v]) => [`^${escape(k)}$`, `<rootDir>/${v}`]));
}

// `node scripts/aliases.js swcrc` writes .swcrc for the build.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url) && process.argv[2] === 'swcrc') {
  writeFileSync(path.join(root, '.swcrc'), `${JSON.stringify({ $schema: 'https://swc.rs/schema.json', ...swcOptions() }, null, 2)}\n`);
}
