import { describe, expect, it } from 'vitest';
import { EVENT_TABLES, tableColumns, tableLocation, tablePartitionSpec, tableSchema } from '../src/index.ts';

describe('event tables', () => {
  for (const table of EVENT_TABLES) {
    it(`${table}: unique field ids 1..n, hidden hour(timestamp) partitioning, location under events/`, () => {
      const columns = tableColumns(table);
      expect(columns.map((c) => c.id)).toEqual(columns.map((_, i) => i + 1));
      expect(new Set(columns.map((c) => c.name)).size).toBe(columns.length);
      const spec = tablePartitionSpec(table);
      const source = columns.find((c) => c.id === spec.fields[0]?.['source-id']);
      expect(source).toMatchObject({ name: 'timestamp', type: 'timestamptz', required: true });
      expect(spec.fields[0]).toMatchObject({ transform: 'hour', 'field-id': 1000 });
      expect(tableSchema(table)['schema-id']).toBe(0);
      expect(tableLocation(table)).toBe(`s3://analytics-source/events/${table}`);
    });
  }

  it('page_views carries every PageViewEvent field of SEED.md', () => {
    const names = tableColumns('page_views').map((c) => c.name);
    for (const field of [
      'event_id',
      'timestamp',
      'session_id',
      'user_id',
      'project_id',
      'environment',
      'version',
      'event_type',
      'page_url',
      'page_title',
      'referrer',
      'utm_source',
      'utm_medium',
      'utm_campaign',
      'country',
      'browser',
      'os',
      'device_type',
      'time_on_page',
    ])
      expect(names).toContain(field);
  });
});
