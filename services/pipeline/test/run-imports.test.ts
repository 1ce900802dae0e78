/**
 * How a run reports the entries of IMPORT_SOURCES it could not use: first,
 * as `config` failures, under the table they name, without a kind when
 * theirs is not one of the kinds.
 */
import { describe, expect, it } from 'vitest';
import { parseSources } from '../src/config.ts';
import { runImports } from '../src/run-imports.ts';
import { catalogHost } from './catalog-host.ts';

const host = catalogHost();

describe('runImports with invalid entries', () => {
  it('reports each one under its configured table, with its kind only when it is one of the kinds', async () => {
    const parsed = parseSources([
      { name: 'legacy', kind: 'postgres', table: 'legacy_orders', from: 'orders', cursor: 'id' },
      { name: 'feed', kind: 'http', table: 'feed items', url: 'ftp://x', records: '$', cursor: 'id' },
      { kind: 'libsql' },
    ]);
    const results = await runImports(host.deps('invalid-entries'), parsed, () => undefined);
    expect(results).toEqual([
      {
        source: 'legacy',
        table: 'imports.legacy_orders',
        status: 'failed',
        rows: 0,
        batches: 0,
        duration_ms: 0,
        error_kind: 'config',
        message: expect.stringContaining('IMPORT_SOURCES[0] (legacy): kind: '),
      },
      expect.objectContaining({ source: 'feed', kind: 'http', table: 'imports.feed', error_kind: 'config' }),
      expect.objectContaining({ source: '#2', kind: 'libsql', table: 'imports.#2', error_kind: 'config' }),
    ]);
    expect(results[0]).not.toHaveProperty('kind');
  });

  it('runs only the entry asked for', async () => {
    const parsed = parseSources([
      { name: 'a', kind: 'postgres' },
      { name: 'b', kind: 'postgres' },
    ]);
    const results = await runImports(host.deps('only'), parsed, () => undefined, { only: 'b' });
    expect(results.map((r) => r.source)).toEqual(['b']);
  });
});
