import { describe, expect, it } from 'vitest';
import {
  ApiKeyRing,
  type ErrorBody,
  EventError,
  ingest,
  MemoryColumnCatalog,
  sha256Hex,
} from '../src/index.ts';
import { harness, pageView, post } from './fixtures.ts';

describe('API keys', () => {
  it('keeps only hashes and accepts the single local key for any project', async () => {
    const ring = await ApiKeyRing.fromSettings({ ANALYTICS_API_KEY: 'secret-one' });
    const entry = await ring.authenticate('secret-one');
    expect(entry.sha256).toBe(await sha256Hex('secret-one'));
    expect(JSON.stringify(entry)).not.toContain('secret-one');
    expect(entry.projects).toEqual(['*']);
  });

  it('remembers a matching key without letting a wrong one through after it', async () => {
    const ring = await ApiKeyRing.fromSettings({ ANALYTICS_API_KEY: 'secret-one' });
    for (let i = 0; i < 3; i++)
      expect((await ring.authenticate('secret-one')).name).toBe('ANALYTICS_API_KEY');
    for (const wrong of ['secret-onE', 'secret-one2', 'secret-on'])
      await expect(ring.authenticate(wrong)).rejects.toMatchObject({ kind: 'wrong-api-key' });
    expect((await ring.authenticate(' secret-one ')).name).toBe('ANALYTICS_API_KEY');
  });

  it('scopes keys from COLLECTOR_API_KEYS to their projects (403 naming the project)', async () => {
    const keys = await ApiKeyRing.fromSettings({
      COLLECTOR_API_KEYS: JSON.stringify([
        { sha256: await sha256Hex('web-key'), projects: ['web'], name: 'website' },
        { sha256: (await sha256Hex('all-key')).toUpperCase(), projects: ['*'] },
      ]),
    });
    expect(keys.size).toBe(2);
    const { sink, deps } = await harness({ keys });
    const ok = await ingest(post(pageView({ project_id: 'web' }), { 'x-api-key': 'web-key' }), deps);
    expect(ok.answer.status).toBe(202);
    const denied = await ingest(post(pageView({ project_id: 'admin' }), { 'x-api-key': 'web-key' }), deps);
    expect(denied.answer.status).toBe(403);
    expect((denied.answer.body as ErrorBody).error.message).toContain("'admin'");
    const any = await ingest(post(pageView({ project_id: 'admin' }), { 'x-api-key': 'all-key' }), deps);
    expect(any.answer.status).toBe(202);
    expect(sink.size).toBe(2);
  });

  it('rejects a malformed key list with invalid-key-config', async () => {
    for (const bad of [
      '{',
      '{}',
      '[{"sha256":"abc","projects":["p"]}]',
      `[{"sha256":"${'a'.repeat(64)}","projects":[]}]`,
    ]) {
      const error = await ApiKeyRing.fromSettings({ COLLECTOR_API_KEYS: bad }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EventError);
      expect((error as EventError).kind).toBe('invalid-key-config');
    }
  });

  it('with no key configured every HTTP request is refused', async () => {
    const { deps } = await harness({ keys: await ApiKeyRing.fromSettings({}) });
    const { answer } = await ingest(post(pageView(), { 'x-api-key': 'anything' }), deps);
    expect(answer.status).toBe(403);
  });

  it('accepts events without a key only for ANONYMOUS_PROJECTS, never adding columns; a wrong key stays 403', async () => {
    const keys = await ApiKeyRing.fromSettings({
      ANALYTICS_API_KEY: 'k',
      ANONYMOUS_PROJECTS: ' web , docs ',
    });
    const columns = new MemoryColumnCatalog();
    const { sink, deps } = await harness({ keys, columns });
    const noKey = { 'x-api-key': '' };
    const web = await ingest(post(pageView({ project_id: 'web' }), noKey), deps);
    expect(web.answer.status).toBe(202);
    // SEED.md's curl CloudEvent has no project: accepted without a key once anonymous ingest is on.
    const seedCurl = await ingest(
      post({ specversion: '1.0', type: 'test.event', source: 'test', plan: 'pro' }, noKey),
      deps,
    );
    expect(seedCurl.answer.status).toBe(202);
    expect(sink.rows('custom_events')[0]).not.toHaveProperty('plan');
    expect(sink.rows('custom_events')[0]?.properties).toContain('"plan":"pro"');
    const other = await ingest(post(pageView({ project_id: 'admin' }), noKey), deps);
    expect(other.answer.status).toBe(401);
    expect((other.answer.body as ErrorBody).error.message).toMatch(/X-API-Key.*'admin'.*web, docs/);
    const wrong = await ingest(post(pageView({ project_id: 'web' }), { 'x-api-key': 'guess' }), deps);
    expect(wrong.answer.status).toBe(403);
    expect(sink.size).toBe(2);
  });

  it('without ANONYMOUS_PROJECTS a request without a key is 401', async () => {
    const { deps } = await harness({ keys: await ApiKeyRing.fromSettings({ ANALYTICS_API_KEY: 'k' }) });
    const { answer } = await ingest(post(pageView(), { 'x-api-key': '' }), deps);
    expect(answer.status).toBe(401);
  });
});
