import { type JsonValue, parseJson } from '@analytics/iceberg';
import { SCENARIO_CREDENTIAL, SCENARIO_TOKENS } from './scenario-credentials.ts';

export { SCENARIO_CREDENTIAL, SCENARIO_TOKENS, SCENARIO_TOKENS_JSON } from './scenario-credentials.ts';

/**
 * The catalog's HTTP behaviour, written once and run against every host: the
 * Hono app in Node (memory store) and the Worker + Durable Object in workerd
 * (SQLite, local R2). A host supplies `fetch` and a way to list stored keys.
 */
export interface CatalogHost {
  fetch(request: Request): Promise<Response>;
  /** Object keys stored in a bucket under a prefix (to check files written and purged). */
  listKeys(bucket: string, prefix: string): Promise<string[]>;
}

/** The Vitest surface the scenarios use. */
export interface ScenarioApi {
  describe(name: string, fn: () => void): void;
  it(name: string, fn: () => Promise<void>): void;
  beforeAll(fn: () => Promise<void>): void;
  // biome-ignore lint/suspicious/noExplicitAny: Vitest's expect is generic; the scenarios use its matchers directly.
  expect: any;
}

const BASE = 'http://catalog.test';
/** 2^53 + 1 and a value near 2^63: both lose digits through plain JSON.parse. */
const BIG_ID_1 = '9007199254740993';
const BIG_ID_2 = '9223372036854775801';

const SCHEMA = `{"type":"struct","schema-id":0,"fields":[
  {"id":1,"name":"id","required":true,"type":"long"},
  {"id":2,"name":"ts","required":false,"type":"timestamptz"},
  {"id":3,"name":"page","required":false,"type":"string"}]}`;

function snapshotUpdates(id: string, parent: string | null, seq: number, location: string): string {
  return `[{"action":"add-snapshot","snapshot":{"snapshot-id":${id},${parent ? `"parent-snapshot-id":${parent},` : ''}
    "sequence-number":${seq},"timestamp-ms":${1_700_000_000_000 + seq},"manifest-list":"${location}/metadata/snap-${id}.avro",
    "summary":{"operation":"append"},"schema-id":0}},
   {"action":"set-snapshot-ref","ref-name":"main","type":"branch","snapshot-id":${id}}]`;
}

/** Runs the REST scenarios against `host()`. */
export function restScenarios(name: string, host: () => CatalogHost, t: ScenarioApi): void {
  const { describe, it, beforeAll, expect } = t;
  let adminToken = '';

  async function call(
    method: string,
    path: string,
    options: { body?: string; token?: string | null; headers?: Record<string, string> } = {},
  ): Promise<{ status: number; text: string; json: JsonValue | undefined; headers: Headers }> {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    const token = options.token === undefined ? adminToken : options.token;
    if (token !== null) headers.authorization = `Bearer ${token}`;
    if (options.body !== undefined) headers['content-type'] ??= 'application/json';
    const res = await host().fetch(
      new Request(`${BASE}${path}`, {
        method,
        headers,
        ...(options.body !== undefined ? { body: options.body } : {}),
      }),
    );
    const text = await res.text();
    return { status: res.status, text, json: text ? parseJson(text) : undefined, headers: res.headers };
  }

  function errorOf(json: JsonValue | undefined): { type: string; code: number; message: string } {
    return (json as { error: { type: string; code: number; message: string } }).error;
  }

  async function createTable(
    ns: string,
    table: string,
    extra = '',
  ): Promise<{ location: string; metadataLocation: string }> {
    const res = await call('POST', `/v1/namespaces/${ns}/tables`, {
      body: `{"name":"${table}","schema":${SCHEMA}${extra}}`,
    });
    expect(res.status).toBe(200);
    const body = res.json as { 'metadata-location': string; metadata: { location: string } };
    return { location: body.metadata.location, metadataLocation: body['metadata-location'] };
  }

  describe(`REST catalog scenarios: ${name}`, () => {
    beforeAll(async () => {
      const res = await host().fetch(
        new Request(`${BASE}/v1/oauth/tokens`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: `grant_type=client_credentials&client_id=${SCENARIO_CREDENTIAL.id}&client_secret=${SCENARIO_CREDENTIAL.secret}&scope=catalog`,
        }),
      );
      const body = (await res.json()) as { access_token: string };
      adminToken = body.access_token;
      expect(res.status).toBe(200);
    });

    it('issues OAuth tokens for client credentials and refuses bad ones in the OAuth error shape', async () => {
      const good = await call('POST', '/v1/oauth/tokens', {
        token: null,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `grant_type=client_credentials&client_id=analytics&client_secret=analytics-secret`,
      });
      expect(good.status).toBe(200);
      expect(good.json).toMatchObject({ token_type: 'bearer', expires_in: expect.any(Number) });
      const wrong = await call('POST', '/v1/oauth/tokens', {
        token: null,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials&client_id=analytics&client_secret=nope',
      });
      expect(wrong.status).toBe(401);
      expect(wrong.json).toMatchObject({ error: 'invalid_client' });
      const grant = await call('POST', '/v1/oauth/tokens', {
        token: null,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=password&client_id=analytics&client_secret=analytics-secret',
      });
      expect(grant.status).toBe(400);
      expect(grant.json).toMatchObject({ error: 'unsupported_grant_type' });
    });

    it('answers 401 in the Iceberg error shape without a valid bearer token', async () => {
      for (const token of [null, 'not-a-token', 'cat1.eyJzdWIiOiJ4In0.forged']) {
        const res = await call('GET', '/v1/config', { token });
        expect(res.status).toBe(401);
        expect(errorOf(res.json)).toMatchObject({ type: 'NotAuthorizedException', code: 401 });
      }
    });

    it('serves the config with every endpoint and refuses an unknown warehouse', async () => {
      const res = await call('GET', '/v1/config?warehouse=analytics');
      expect(res.status).toBe(200);
      const config = res.json as { defaults: Record<string, string>; endpoints: string[] };
      expect(config.defaults.warehouse).toBe('analytics');
      expect(config.endpoints).toContain('POST /v1/{prefix}/transactions/commit');
      expect(config.endpoints).toContain('HEAD /v1/{prefix}/namespaces/{namespace}/tables/{table}');
      const unknown = await call('GET', '/v1/config?warehouse=elsewhere');
      expect(unknown.status).toBe(404);
    });

    it('creates, loads, checks, pages, updates and drops namespaces with the spec statuses', async () => {
      expect(
        (await call('POST', '/v1/namespaces', { body: '{"namespace":["ns_a"],"properties":{"owner":"x"}}' }))
          .status,
      ).toBe(200);
      const dup = await call('POST', '/v1/namespaces', { body: '{"namespace":["ns_a"]}' });
      expect(dup.status).toBe(409);
      expect(errorOf(dup.json)).toMatchObject({
        type: 'AlreadyExistsException',
        message: 'Namespace already exists: ns_a',
      });
      for (const n of ['ns_b', 'ns_c'])
        await call('POST', '/v1/namespaces', { body: `{"namespace":["${n}"]}` });
      await call('POST', '/v1/namespaces', { body: '{"namespace":["ns_a","inner"]}' });

      expect((await call('GET', '/v1/namespaces/ns_a')).json).toEqual({
        namespace: ['ns_a'],
        properties: { owner: 'x' },
      });
      expect((await call('HEAD', '/v1/namespaces/ns_a')).status).toBe(204);
      expect((await call('HEAD', '/v1/namespaces/missing')).status).toBe(404);
      const missing = await call('GET', '/v1/namespaces/missing');
      expect(missing.status).toBe(404);
      expect(errorOf(missing.json)).toMatchObject({
        type: 'NoSuchNamespaceException',
        message: 'Namespace does not exist: missing',
      });

      const first = await call('GET', '/v1/namespaces?pageSize=2');
      const page1 = first.json as { namespaces: string[][]; 'next-page-token': string };
      expect(page1.namespaces).toHaveLength(2);
      const second = await call('GET', `/v1/namespaces?pageSize=50&pageToken=${page1['next-page-token']}`);
      const page2 = second.json as { namespaces: string[][] };
      const all = [...page1.namespaces, ...page2.namespaces].map((ns) => ns.join('.'));
      expect(all).toEqual(expect.arrayContaining(['ns_a', 'ns_b', 'ns_c']));
      expect(all).not.toContain('ns_a.inner');
      const children = await call('GET', '/v1/namespaces?parent=ns_a');
      expect(children.json).toEqual({ namespaces: [['ns_a', 'inner']] });
      expect((await call('GET', '/v1/namespaces/ns_a%1Finner')).status).toBe(200);

      const props = await call('POST', '/v1/namespaces/ns_a/properties', {
        body: '{"removals":["owner","absent"],"updates":{"team":"web"}}',
      });
      expect(props.json).toEqual({ updated: ['team'], removed: ['owner'], missing: ['absent'] });
      const both = await call('POST', '/v1/namespaces/ns_a/properties', {
        body: '{"removals":["a"],"updates":{"a":"1"}}',
      });
      expect(both.status).toBe(422);

      const notEmpty = await call('DELETE', '/v1/namespaces/ns_a');
      expect(notEmpty.status).toBe(409);
      expect(errorOf(notEmpty.json).message).toContain('is not empty');
      expect((await call('DELETE', '/v1/namespaces/ns_a%1Finner')).status).toBe(204);
      expect((await call('DELETE', '/v1/namespaces/ns_a')).status).toBe(204);
      expect((await call('DELETE', '/v1/namespaces/ns_a')).status).toBe(404);
      const badBody = await call('POST', '/v1/namespaces', { body: '{"namespace":"flat"}' });
      expect(badBody.status).toBe(400);
      expect((await call('POST', '/v1/namespaces', { body: '{not json' })).status).toBe(400);
      // Found by Schemathesis: a 63-bit number where a level belongs once made the error message itself fail.
      const bigLevel = await call('POST', '/v1/namespaces', { body: '{"namespace":[2305843009213693951]}' });
      expect(bigLevel.status).toBe(400);
      expect(errorOf(bigLevel.json).message).toContain('2305843009213693951');
    });

    it('creates, lists, loads and checks tables, writing the first metadata file', async () => {
      await call('POST', '/v1/namespaces', { body: '{"namespace":["tbl"]}' });
      const created = await createTable(
        'tbl',
        'events',
        ',"partition-spec":{"spec-id":0,"fields":[{"source-id":2,"field-id":1000,"name":"ts_day","transform":"day"}]}',
      );
      expect(created.location).toBe('s3://analytics-source/tbl/events');
      expect(created.metadataLocation).toMatch(
        /^s3:\/\/analytics-source\/tbl\/events\/metadata\/00000-[0-9a-f-]+\.metadata\.json$/,
      );
      expect(await host().listKeys('analytics-source', 'tbl/events/metadata/')).toEqual([
        created.metadataLocation.replace('s3://analytics-source/', ''),
      ]);
      const dup = await call('POST', '/v1/namespaces/tbl/tables', {
        body: `{"name":"events","schema":${SCHEMA}}`,
      });
      expect(dup.status).toBe(409);
      expect(errorOf(dup.json).message).toBe('Table already exists: tbl.events');
      const noNs = await call('POST', '/v1/namespaces/nowhere/tables', {
        body: `{"name":"x","schema":${SCHEMA}}`,
      });
      expect(noNs.status).toBe(404);
      expect(errorOf(noNs.json).type).toBe('NoSuchNamespaceException');
      expect((await call('POST', '/v1/namespaces/tbl/tables', { body: '{"name":"noschema"}' })).status).toBe(
        400,
      );

      for (const n of ['t1', 't2', 't3']) await createTable('tbl', n);
      const page = await call('GET', '/v1/namespaces/tbl/tables?pageSize=3');
      const body = page.json as { identifiers: { name: string }[]; 'next-page-token': string };
      expect(body.identifiers.map((i) => i.name)).toEqual(['events', 't1', 't2']);
      const rest = await call('GET', `/v1/namespaces/tbl/tables?pageToken=${body['next-page-token']}`);
      expect((rest.json as { identifiers: { name: string }[] }).identifiers.map((i) => i.name)).toEqual([
        't3',
      ]);

      const loaded = await call('GET', '/v1/namespaces/tbl/tables/events');
      expect(loaded.status).toBe(200);
      expect(loaded.json).toMatchObject({
        'metadata-location': created.metadataLocation,
        metadata: { 'format-version': 2, 'current-snapshot-id': -1, 'default-spec-id': 0 },
      });
      const etag = loaded.headers.get('etag') ?? '';
      expect(
        (await call('GET', '/v1/namespaces/tbl/tables/events', { headers: { 'if-none-match': etag } }))
          .status,
      ).toBe(304);
      expect((await call('HEAD', '/v1/namespaces/tbl/tables/events')).status).toBe(204);
      expect((await call('HEAD', '/v1/namespaces/tbl/tables/nope')).status).toBe(404);
      const missing = await call('GET', '/v1/namespaces/tbl/tables/nope');
      expect(errorOf(missing.json)).toMatchObject({
        type: 'NoSuchTableException',
        message: 'Table does not exist: tbl.nope',
      });
    });

    it('assigns fresh field ids on create and rebinds the partition spec by column name', async () => {
      await call('POST', '/v1/namespaces', { body: '{"namespace":["fresh"]}' });
      const res = await call('POST', '/v1/namespaces/fresh/tables', {
        body: `{"name":"t","schema":{"type":"struct","schema-id":0,"fields":[
          {"id":3,"name":"id","required":true,"type":"int"},{"id":4,"name":"data","required":false,"type":"string"}]},
          "partition-spec":{"fields":[{"source-id":4,"name":"data_bucket","transform":"bucket[16]"}]}}`,
      });
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({
        metadata: {
          'last-column-id': 2,
          schemas: [
            {
              fields: [
                { id: 1, name: 'id' },
                { id: 2, name: 'data' },
              ],
            },
          ],
          'partition-specs': [
            { 'spec-id': 0, fields: [{ 'source-id': 2, 'field-id': 1000, name: 'data_bucket' }] },
          ],
        },
      });
    });

    it('round-trips 64-bit snapshot ids exactly and answers 409 to a stale requirement', async () => {
      await call('POST', '/v1/namespaces', { body: '{"namespace":["big"]}' });
      const { location } = await createTable('big', 'ids');
      const first = await call('POST', '/v1/namespaces/big/tables/ids', {
        body: `{"requirements":[{"type":"assert-ref-snapshot-id","ref":"main","snapshot-id":null}],
                "updates":${snapshotUpdates(BIG_ID_1, null, 1, location)}}`,
      });
      expect(first.status).toBe(200);
      expect(first.text).toContain(`"current-snapshot-id":${BIG_ID_1}`);
      const second = await call('POST', '/v1/namespaces/big/tables/ids', {
        body: `{"requirements":[{"type":"assert-ref-snapshot-id","ref":"main","snapshot-id":${BIG_ID_1}}],
                "updates":${snapshotUpdates(BIG_ID_2, BIG_ID_1, 2, location)}}`,
      });
      expect(second.status).toBe(200);
      const loaded = await call('GET', '/v1/namespaces/big/tables/ids');
      expect(loaded.text).toContain(`"snapshot-id":${BIG_ID_1}`);
      expect(loaded.text).toContain(`"current-snapshot-id":${BIG_ID_2}`);
      expect(loaded.text).toContain(`"parent-snapshot-id":${BIG_ID_1}`);
      expect((loaded.json as { 'metadata-location': string })['metadata-location']).toMatch(/\/00002-/);

      const stale = await call('POST', '/v1/namespaces/big/tables/ids', {
        body: `{"requirements":[{"type":"assert-ref-snapshot-id","ref":"main","snapshot-id":${BIG_ID_1}}],
                "updates":[{"action":"set-properties","updates":{"k":"v"}}]}`,
      });
      expect(stale.status).toBe(409);
      expect(errorOf(stale.json).type).toBe('CommitFailedException');
      const unknown = await call('POST', '/v1/namespaces/big/tables/ids', {
        body: '{"requirements":[],"updates":[{"action":"make-coffee"}]}',
      });
      expect(unknown.status).toBe(400);
      const refs = await call('GET', '/v1/namespaces/big/tables/ids?snapshots=refs');
      expect((refs.json as { metadata: { snapshots: unknown[] } }).metadata.snapshots).toHaveLength(1);
      const missingTable = await call('POST', '/v1/namespaces/big/tables/none', {
        body: '{"requirements":[],"updates":[]}',
      });
      expect(missingTable.status).toBe(404);
    });

    it('lets exactly one of several concurrent commits on the same base win; the rest get 409', async () => {
      await call('POST', '/v1/namespaces', { body: '{"namespace":["race"]}' });
      const { location } = await createTable('race', 'hot');
      const ids = ['101', '102', '103', '104', '105'];
      const results = await Promise.all(
        ids.map((id) =>
          call('POST', '/v1/namespaces/race/tables/hot', {
            body: `{"requirements":[{"type":"assert-ref-snapshot-id","ref":"main","snapshot-id":null}],
                    "updates":${snapshotUpdates(id, null, 1, location)}}`,
          }),
        ),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409]);
      const loaded = await call('GET', '/v1/namespaces/race/tables/hot');
      expect((loaded.json as { metadata: { snapshots: unknown[] } }).metadata.snapshots).toHaveLength(1);
    });

    it('stages a create without storing it, then creates it by a commit with assert-create', async () => {
      await call('POST', '/v1/namespaces', { body: '{"namespace":["staged"]}' });
      const staged = await call('POST', '/v1/namespaces/staged/tables', {
        body: `{"name":"later","schema":${SCHEMA},"stage-create":true}`,
      });
      expect(staged.status).toBe(200);
      const stagedBody = staged.json as { metadata: { location: string; 'table-uuid': string } };
      expect(staged.json).not.toHaveProperty('metadata-location');
      expect((await call('HEAD', '/v1/namespaces/staged/tables/later')).status).toBe(404);
      const create = await call('POST', '/v1/namespaces/staged/tables/later', {
        body: `{"requirements":[{"type":"assert-create"}],"updates":[
          {"action":"assign-uuid","uuid":"${stagedBody.metadata['table-uuid']}"},
          {"action":"upgrade-format-version","format-version":2},
          {"action":"add-schema","schema":${SCHEMA}},{"action":"set-current-schema","schema-id":-1},
          {"action":"add-spec","spec":{"fields":[]}},{"action":"set-default-spec","spec-id":-1},
          {"action":"add-sort-order","sort-order":{"order-id":0,"fields":[]}},{"action":"set-default-sort-order","sort-order-id":-1},
          {"action":"set-location","location":"${stagedBody.metadata.location}"},
          {"action":"set-properties","updates":{"staged":"yes"}}]}`,
      });
      expect(create.status).toBe(200);
      expect(create.json).toMatchObject({
        metadata: { 'table-uuid': stagedBody.metadata['table-uuid'], properties: { staged: 'yes' } },
      });
      expect((await call('HEAD', '/v1/namespaces/staged/tables/later')).status).toBe(204);
      const again = await call('POST', '/v1/namespaces/staged/tables/later', {
        body: '{"requirements":[{"type":"assert-create"}],"updates":[]}',
      });
      expect(again.status).toBe(409);
    });

    it('commits multi-table transactions all or nothing', async () => {
      await call('POST', '/v1/namespaces', { body: '{"namespace":["txn"]}' });
      const a = await createTable('txn', 'a');
      const b = await createTable('txn', 'b');
      const change = (table: string, loc: string, id: string, expected: string) =>
        `{"identifier":{"namespace":["txn"],"name":"${table}"},
          "requirements":[{"type":"assert-ref-snapshot-id","ref":"main","snapshot-id":${expected}}],
          "updates":${snapshotUpdates(id, null, 1, loc)}}`;
      const failing = await call('POST', '/v1/transactions/commit', {
        body: `{"table-changes":[${change('a', a.location, '11', 'null')},${change('b', b.location, '12', '999')}]}`,
      });
      expect(failing.status).toBe(409);
      const aAfter = await call('GET', '/v1/namespaces/txn/tables/a');
      expect(aAfter.json).toMatchObject({
        'metadata-location': a.metadataLocation,
        metadata: { 'current-snapshot-id': -1 },
      });
      const ok = await call('POST', '/v1/transactions/commit', {
        body: `{"table-changes":[${change('a', a.location, '11', 'null')},${change('b', b.location, '12', 'null')}]}`,
      });
      expect(ok.status).toBe(204);
      expect((await call('GET', '/v1/namespaces/txn/tables/a')).json).toMatchObject({
        metadata: { 'current-snapshot-id': 11 },
      });
      expect((await call('GET', '/v1/namespaces/txn/tables/b')).json).toMatchObject({
        metadata: { 'current-snapshot-id': 12 },
      });
      const noId = await call('POST', '/v1/transactions/commit', {
        body: '{"table-changes":[{"requirements":[],"updates":[]}]}',
      });
      expect(noId.status).toBe(400);
    });

    it('renames and registers tables with the spec statuses', async () => {
      await call('POST', '/v1/namespaces', { body: '{"namespace":["mv"]}' });
      const src = await createTable('mv', 'src');
      await createTable('mv', 'taken');
      const rename = (from: string, to: string, toNs = 'mv') =>
        call('POST', '/v1/tables/rename', {
          body: `{"source":{"namespace":["mv"],"name":"${from}"},"destination":{"namespace":["${toNs}"],"name":"${to}"}}`,
        });
      expect((await rename('src', 'taken')).status).toBe(409);
      expect((await rename('absent', 'x')).status).toBe(404);
      const noNs = await rename('src', 'x', 'nowhere');
      expect(errorOf(noNs.json).type).toBe('NoSuchNamespaceException');
      expect((await rename('src', 'dst')).status).toBe(204);
      expect((await call('HEAD', '/v1/namespaces/mv/tables/src')).status).toBe(404);
      expect((await call('GET', '/v1/namespaces/mv/tables/dst')).json).toMatchObject({
        'metadata-location': src.metadataLocation,
      });

      const registered = await call('POST', '/v1/namespaces/mv/register', {
        body: `{"name":"copy","metadata-location":"${src.metadataLocation}"}`,
      });
      expect(registered.status).toBe(200);
      expect(registered.json).toMatchObject({ 'metadata-location': src.metadataLocation });
      const again = await call('POST', '/v1/namespaces/mv/register', {
        body: `{"name":"copy","metadata-location":"${src.metadataLocation}"}`,
      });
      expect(again.status).toBe(409);
      const noFile = await call('POST', '/v1/namespaces/mv/register', {
        body: '{"name":"ghost","metadata-location":"s3://analytics-source/mv/ghost/metadata/00000-x.metadata.json"}',
      });
      expect(noFile.status).toBe(404);
      expect(errorOf(noFile.json).type).toBe('NotFoundException');
    });

    it('drops tables, deleting files only when a purge is requested', async () => {
      await call('POST', '/v1/namespaces', { body: '{"namespace":["gone"]}' });
      await createTable('gone', 'kept');
      await createTable('gone', 'purged');
      expect((await call('DELETE', '/v1/namespaces/gone/tables/kept')).status).toBe(204);
      expect(await host().listKeys('analytics-source', 'gone/kept/')).toHaveLength(1);
      expect((await call('DELETE', '/v1/namespaces/gone/tables/purged?purgeRequested=true')).status).toBe(
        204,
      );
      expect(await host().listKeys('analytics-source', 'gone/purged/')).toEqual([]);
      expect((await call('DELETE', '/v1/namespaces/gone/tables/purged')).status).toBe(404);
    });

    it('enforces read, write and admin privileges with 403', async () => {
      await call('POST', '/v1/namespaces', { body: '{"namespace":["perm"]}' });
      await createTable('perm', 'only');
      await createTable('perm', 'other');
      const commit = (table: string, token: string) =>
        call('POST', `/v1/namespaces/perm/tables/${table}`, {
          token,
          body: '{"requirements":[],"updates":[{"action":"set-properties","updates":{"by":"test"}}]}',
        });
      expect(
        (await call('GET', '/v1/namespaces/perm/tables/only', { token: SCENARIO_TOKENS.reader })).status,
      ).toBe(200);
      const readerCommit = await commit('only', SCENARIO_TOKENS.reader);
      expect(readerCommit.status).toBe(403);
      expect(errorOf(readerCommit.json)).toMatchObject({ type: 'ForbiddenException', code: 403 });
      expect((await commit('only', SCENARIO_TOKENS.writer)).status).toBe(200);
      expect(
        (await call('DELETE', '/v1/namespaces/perm/tables/only', { token: SCENARIO_TOKENS.writer })).status,
      ).toBe(403);
      expect((await commit('only', SCENARIO_TOKENS.scoped)).status).toBe(200);
      expect((await commit('other', SCENARIO_TOKENS.scoped)).status).toBe(403);
      const listed = await call('GET', '/v1/namespaces/perm/tables', { token: SCENARIO_TOKENS.scoped });
      expect(listed.json).toEqual({ identifiers: [{ namespace: ['perm'], name: 'only' }] });
      expect(
        (await call('POST', '/v1/namespaces', { token: SCENARIO_TOKENS.reader, body: '{"namespace":["r"]}' }))
          .status,
      ).toBe(403);
    });

    it('accepts metrics reports and keeps an audit record of every change', async () => {
      await call('POST', '/v1/namespaces', { body: '{"namespace":["aud"]}' });
      await createTable('aud', 'm');
      const report = await call('POST', '/v1/namespaces/aud/tables/m/metrics', {
        body: '{"report-type":"scan-report","table-name":"aud.m","snapshot-id":1,"filter":true,"schema-id":0,"projected-field-ids":[],"projected-field-names":[],"metrics":{}}',
      });
      expect(report.status).toBe(204);
      const audit = await call('GET', '/v1/audit?target=aud.m');
      const records = (audit.json as { records: { action: string; principal: string; request_id: string }[] })
        .records;
      expect(records.map((r) => [r.action, r.principal])).toEqual([['create-table', 'analytics']]);
      expect((await call('GET', '/v1/audit', { token: SCENARIO_TOKENS.writer })).status).toBe(403);
    });

    it('reports storage bytes per table and operation counts priced at R2 list prices', async () => {
      const res = await call('GET', '/v1/costs', { token: null });
      expect(res.status).toBe(200);
      const report = res.json as {
        currency: string;
        storage: {
          total_bytes: number;
          tables: { namespace: string; table: string; bytes: number; files: number }[];
        };
        prices: { class_a_per_million: number };
        operations: { class_a: { count: number } };
      };
      expect(report.currency).toBe('USD');
      expect(report.prices.class_a_per_million).toBe(4.5);
      const hot = report.storage.tables.find((t) => t.namespace === 'race' && t.table === 'hot');
      expect(hot?.files).toBe(2);
      expect(hot?.bytes).toBeGreaterThan(0);
      expect(report.operations.class_a.count).toBeGreaterThan(0);
    });

    it('answers /healthz and /metrics without a token, counting requests and commits', async () => {
      const health = await call('GET', '/healthz', { token: null });
      expect(health.status).toBe(200);
      expect(health.json).toMatchObject({ warehouse: 'analytics', tables: expect.any(Number) });
      const metrics = await call('GET', '/metrics?format=json', { token: null });
      expect(metrics.status).toBe(200);
      const families = metrics.json as {
        service: string;
        metrics: { name: string; samples: { labels: Record<string, string>; value: number }[] }[];
      };
      expect(families.service).toBe('catalog');
      const commits = families.metrics.find((m) => m.name === 'analytics_catalog_commits_total');
      expect(commits?.samples.find((x) => x.labels.outcome === 'conflict')?.value).toBeGreaterThanOrEqual(4);
    });
  });
}
