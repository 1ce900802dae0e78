/**
 * The Iceberg REST catalog under real clients, on the whole local stack
 * (router, catalog Worker + Durable Object, S3 endpoint over local R2):
 * PyIceberg given only the URI and a credential, DuckDB's iceberg extension,
 * concurrent writers (two PyIceberg processes and our own engine), and
 * 401/403 answers to bad or under-privileged credentials.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { appendRows, defaultTableEnv, fileIO, RestCatalog } from '@analytics/iceberg';
import { loadParquetWasmNode } from '@analytics/iceberg/node';
import { S3Store } from '@analytics/s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pythonJson } from '../helpers/python.ts';
import { repoRoot, type StackHandle, startTestStack } from '../helpers/stack.ts';

const run = promisify(execFile);
const ADMIN = 'analytics:analytics-secret';
const READER_TOKEN = 'e2e-reader-token-0123456789';
const WRITER_TOKEN = 'e2e-writer-token-0123456789';

/** Runs one of tests/e2e/python/*.py and parses the JSON object it prints last. */
async function python(script: string, ...args: string[]): Promise<Record<string, unknown>> {
  return pythonJson<Record<string, unknown>>(script, args);
}

let stack: StackHandle;

beforeAll(async () => {
  await loadParquetWasmNode();
  stack = await startTestStack({
    vars: {
      CATALOG_TOKENS: JSON.stringify([
        { principal: 'e2e-reader', token: READER_TOKEN, grants: [{ namespace: '*', privilege: 'read' }] },
        { principal: 'e2e-writer', token: WRITER_TOKEN, grants: [{ namespace: '*', privilege: 'write' }] },
      ]),
    },
  });
});

afterAll(async () => {
  await stack?.dispose();
});

describe('catalog with real clients', () => {
  it('serves PyIceberg the whole table lifecycle with only a URI and a credential', async () => {
    const out = await python('catalog_pyiceberg.py', stack.url, ADMIN);
    expect(out.config_keys).toEqual(
      expect.arrayContaining([
        's3.endpoint',
        's3.access-key-id',
        's3.secret-access-key',
        's3.path-style-access',
      ]),
    );
    expect(out.location).toBe('s3://analytics-source/web/events');
    expect(out.metadata_location).toMatch(
      /^s3:\/\/analytics-source\/web\/events\/metadata\/00000-.*\.metadata\.json$/,
    );
    expect(out.rows_after_two_appends).toBe(5);
    expect(out.ids_after_overwrite).toEqual([10, 11]);
    expect(out.schema_columns).toEqual(['id', 'page', 'ts', 'country']);
    expect(out.spec_fields).toEqual(['ts_day', 'page']);
    expect(out.spec_ids).toEqual([0, 1]);
    expect(out.filtered_ids).toEqual([11, 12]);
    expect(out.filtered_countries).toEqual(['NL', 'None']);
    expect(out.first_snapshot_ids).toEqual([1, 2, 3]);
    expect(out.snapshot_count).toBeGreaterThanOrEqual(5);
    expect(out.reloaded_rows).toBe(4);
    expect(out.reloaded_snapshot_ids_exact).toBe(true);
    expect(out.renamed_exists).toBe(true);
    expect(out.old_name_exists).toBe(false);
    expect(out.renamed_rows).toBe(4);
    expect(out.dropped).toBe(true);
    expect(out.namespaces_after).toEqual([]);
  });

  it('lets DuckDB attach, read, insert into and create tables', async () => {
    const out = await python('catalog_duckdb.py', stack.url, 'analytics', 'analytics-secret', repoRoot);
    expect(out.tables).toContain('duckns.items');
    expect(out.read).toEqual([
      [1, 'a'],
      [2, 'b'],
    ]);
    expect(out.read_after_insert).toEqual([
      [1, 'a'],
      [2, 'b'],
      [3, 'c'],
    ]);
    expect(out.pyiceberg_ids_after_insert).toEqual([1, 2, 3]);
    expect(out.duckdb_table_rows).toEqual([7, 8]);
  });

  it('keeps every commit of two PyIceberg writers and our engine appending concurrently', async () => {
    const token = await (
      await fetch(`${stack.url}/v1/oauth/tokens`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials&client_id=analytics&client_secret=analytics-secret',
      })
    ).json();
    const auth = { authorization: `Bearer ${(token as { access_token: string }).access_token}` };
    const post = (path: string, body: string) =>
      fetch(`${stack.url}${path}`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body,
      });
    expect((await post('/v1/namespaces', '{"namespace":["race"]}')).status).toBe(200);
    const created = await post(
      '/v1/namespaces/race/tables',
      '{"name":"log","schema":{"type":"struct","schema-id":0,"fields":[' +
        '{"id":1,"name":"writer","required":false,"type":"string"},{"id":2,"name":"seq","required":false,"type":"long"}]}}',
    );
    expect(created.status).toBe(200);

    const s3 = new S3Store({
      endpoint: `${stack.url}/s3`,
      bucket: 'analytics-source',
      credentials: { accessKeyId: 'analytics-local', secretAccessKey: 'analytics-local-secret' },
    });
    const env = defaultTableEnv(
      new RestCatalog({
        uri: stack.url,
        credential: ADMIN,
        fetcher: { fetch: (input, init) => fetch(input, init) },
      }),
      fileIO(s3, 's3://analytics-source/'),
    );
    const id = { namespace: ['race'], name: 'log' };
    // Every writer waits for the same instant after start-up, so their commits overlap.
    const startAt = Date.now() + 8_000;
    const ours = (async () => {
      await new Promise((resolve) => setTimeout(resolve, startAt - Date.now()));
      const snapshots: string[] = [];
      let attempts = 0;
      for (let i = 0; i < 4; i++) {
        const result = await appendRows(env, id, [
          { writer: 'engine', seq: BigInt(i) },
          { writer: 'engine', seq: BigInt(i) },
        ]);
        snapshots.push(result.snapshot.snapshotId.toString());
        attempts += result.attempts;
      }
      return { snapshots, attempts };
    })();
    const [a, b, engine] = await Promise.all([
      python(
        'catalog_concurrent_writer.py',
        stack.url,
        ADMIN,
        'race.log',
        'py-a',
        '4',
        String(startAt / 1000),
      ),
      python(
        'catalog_concurrent_writer.py',
        stack.url,
        ADMIN,
        'race.log',
        'py-b',
        '4',
        String(startAt / 1000),
      ),
      ours,
    ]);
    const committed = [...(a.committed as string[]), ...(b.committed as string[]), ...engine.snapshots];
    console.info(
      `concurrent appends: 12 landed; PyIceberg 409s retried: ${Number(a.retried_409s) + Number(b.retried_409s) + Number(a.conflicts) + Number(b.conflicts)}, engine attempts: ${engine.attempts}`,
    );
    expect(new Set(committed).size).toBe(12);

    const loaded = await fetch(`${stack.url}/v1/namespaces/race/tables/log`, { headers: auth });
    const text = await loaded.text();
    for (const snapshotId of committed) expect(text).toContain(`"snapshot-id":${snapshotId}`);
    const { metadata } = (await env.catalog.loadTable(id)) as { metadata: { snapshots: readonly unknown[] } };
    expect(metadata.snapshots).toHaveLength(12);
    const summary = await python(
      'catalog_concurrent_writer.py',
      stack.url,
      ADMIN,
      'race.log',
      'py-check',
      '0',
    );
    expect(summary.committed).toEqual([]);
  });

  it('answers 401 to bad credentials and 403 to missing write and admin privileges', async () => {
    const out = await python('catalog_auth.py', stack.url, ADMIN, READER_TOKEN, WRITER_TOKEN);
    expect(out.wrong_secret).not.toBe('ok');
    expect(out.bad_token).toBe('UnauthorizedError');
    expect(out.reader_load).toBe('ok');
    expect(out.reader_append).toBe('ForbiddenError');
    expect(out.writer_append).toBe('ok');
    expect(out.writer_drop).toBe('ForbiddenError');
    expect(out.admin_drop).toBe('ok');
  });

  it('finds no 5xx and no response outside contracts/iceberg-rest-catalog.yaml under Schemathesis', async () => {
    const token = (await (
      await fetch(`${stack.url}/v1/oauth/tokens`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials&client_id=analytics&client_secret=analytics-secret',
      })
    ).json()) as { access_token: string };
    const result = await run(
      join(repoRoot, '.venv', 'bin', 'schemathesis'),
      [
        'run',
        join(repoRoot, 'contracts', 'iceberg-rest-catalog.yaml'),
        '--url',
        stack.url,
        '-H',
        `Authorization: Bearer ${token.access_token}`,
        '--checks',
        'not_a_server_error,response_schema_conformance',
        '--phases',
        'fuzzing,stateful',
        '--max-examples',
        '10',
        '--request-timeout',
        '60',
        '--seed',
        '20261124',
      ],
      { timeout: 400_000, maxBuffer: 64 * 1024 * 1024 },
    ).catch((err: { stdout?: string; message: string }) => ({
      stdout: `${err.message}\n${err.stdout ?? ''}`,
    }));
    const summary = /(\d+) generated, (\d+) passed(?:, (\d+) failed)?(?:, (\d+) errored)?/.exec(
      result.stdout,
    );
    expect(summary, result.stdout.slice(-6000)).not.toBeNull();
    expect(Number(summary?.[1])).toBeGreaterThan(50);
    expect(summary?.[1], result.stdout.slice(-6000)).toBe(summary?.[2]);
  });
});
