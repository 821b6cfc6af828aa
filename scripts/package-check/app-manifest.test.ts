import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const read = (file: string) => JSON.parse(fs.readFileSync(path.join(repoRoot, file), 'utf8'));

describe('app/package.json (what the installed app loads)', () => {
  const root = read('package.json');
  const app = read('app/package.json');

  it('is the same version as the project, with the main bundle the build writes', () => {
    expect(app.version).toBe(root.version);
    expect(app.main).toBe('dist/main/index.cjs');
    expect(fs.readFileSync(path.join(repoRoot, 'scripts', 'build-electron.mjs'), 'utf8')).toContain(`outfile: 'app/${app.main}'`);
  });

  it('lists only run-time modules, each at the very version the tests run against', () => {
    for (const [name, version] of Object.entries(app.dependencies as Record<string, string>)) {
      expect(root.dependencies[name], `${name} in the root package.json`).toBe(version);
    }
    expect(Object.keys(app.devDependencies ?? {})).toEqual([]);
  });

  it('has a lock file that matches it', () => {
    const lock = read('app/package-lock.json');
    expect(lock.packages[''].dependencies).toEqual(app.dependencies);
    for (const name of Object.keys(app.dependencies)) expect(lock.packages[`node_modules/${name}`].version).toBe(app.dependencies[name]);
  });
});
