/**
 * Every workspace declares the packages its source imports. npm hoists every
 * dependency of the monorepo to the root, so an undeclared import works in
 * the repository and breaks only where a workspace is installed on its own:
 * the query engine's container image (`npm ci --omit=dev --workspace
 * services/query-engine`) did not start because the table engine imported
 * hyparquet without declaring it.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './helpers/stack.ts';

interface Manifest {
  name: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

const rootManifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as Manifest;

const workspaces = ['packages', 'services', 'clients']
  .flatMap((group) => readdirSync(join(repoRoot, group)).map((name) => join(repoRoot, group, name)))
  .filter((dir) => existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'src')));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (entry === 'node_modules' || entry.startsWith('.')) return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|mts|js|mjs)$/.test(entry) && !entry.endsWith('.d.ts') ? [path] : [];
  });
}

/** The package an import specifier names, or undefined for relative paths and runtime modules. */
function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/')) return undefined;
  if (/^(node|cloudflare):/.test(specifier) || builtinModules.includes(specifier)) return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

describe('workspace manifests', () => {
  it('finds the workspaces', () => {
    expect(workspaces.length).toBeGreaterThan(10);
  });

  for (const dir of workspaces) {
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;
    it(`${manifest.name} declares every package its src imports`, () => {
      const runtime = new Set([
        manifest.name,
        ...Object.keys(manifest.dependencies ?? {}),
        ...Object.keys(manifest.peerDependencies ?? {}),
      ]);
      // Tests run from the repository, where the root's dev dependencies (vitest, readers) are installed.
      const anywhere = new Set([
        ...runtime,
        ...Object.keys(manifest.devDependencies ?? {}),
        ...Object.keys(rootManifest.devDependencies ?? {}),
      ]);
      const missing: string[] = [];
      for (const file of sourceFiles(join(dir, 'src'))) {
        // Test files and test helpers may use dev dependencies; everything else needs runtime ones.
        const testOnly = /\.(test|spec)\.[mc]?[jt]s$/.test(file) || /[/\\]testing[/\\]/.test(file);
        const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
        for (const { fileName } of importedFiles) {
          const name = packageOf(fileName);
          if (name === undefined || (testOnly ? anywhere : runtime).has(name)) continue;
          missing.push(`${name} (${relative(repoRoot, file)})`);
        }
      }
      expect(missing).toEqual([]);
    });
  }
});
