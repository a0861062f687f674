import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { PLUGIN_API_VERSION } from '@techmarket/plugin-api';
import { checkApiRange, loadPolicyPlugins } from './plugin-loader.js';

/** A plugins folder with one plugin: its package.json and a plain-JS main exporting `plugin`. */
async function pluginsDir(pkg: object, plugin: object): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'tm-plugins-'));
  await mkdir(path.join(dir, 'p', 'src'), { recursive: true });
  await writeFile(
    path.join(dir, 'p', 'package.json'),
    JSON.stringify({ main: 'src/index.js', techmarket: { policyPlugin: true }, ...pkg }),
  );
  await writeFile(path.join(dir, 'p', 'src', 'index.js'), `export default { ...${JSON.stringify(plugin)}, evaluate: () => [] };`);
  return dir;
}

describe('plugin loading', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
  });
  const base = { id: 'p', version: '1.0.0', events: ['contract.registered'], governingDate: 'registered' };

  it('accepts a plugin written for a range that includes this API, and refuses others, naming the plugin', () => {
    expect(() => checkApiRange('p', `^${PLUGIN_API_VERSION.split('.')[0]}.0.0`)).not.toThrow();
    expect(() => checkApiRange('p', '^1.0.0', '2.3.0')).toThrow('plugin p was written for plugin API ^1.0.0; this platform provides 2.3.0');
    expect(() => checkApiRange('p', '^2.4.0', '2.3.0')).toThrow(/written for plugin API \^2.4.0/);
    expect(() => checkApiRange('p', undefined)).toThrow(/must declare peerDependencies/);
    expect(() => checkApiRange('p', 'not a range')).toThrow(/is not a semver range/);
  });

  it('loads a declared plugin, and refuses one without an API range or without a governing date for contract events', async () => {
    const range = { peerDependencies: { '@techmarket/plugin-api': `^${PLUGIN_API_VERSION}` } };
    dirs.push(await pluginsDir(range, base));
    expect((await loadPolicyPlugins(dirs.at(-1))).map((p) => p.id)).toEqual(['p']);
    dirs.push(await pluginsDir({}, base));
    await expect(loadPolicyPlugins(dirs.at(-1))).rejects.toThrow(/plugin p: package.json must declare peerDependencies/);
    dirs.push(await pluginsDir(range, { ...base, governingDate: undefined }));
    await expect(loadPolicyPlugins(dirs.at(-1))).rejects.toThrow('plugin p reacts to contract events but declares no governingDate');
  });
});
