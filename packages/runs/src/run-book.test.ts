import { describe, expect, it } from 'vitest';
import { DEFAULT_KEEP_RUNS, RunBook } from './run-book.ts';
import { memorySql } from './testing/memory-sql.ts';

interface Result {
  readonly table: string;
  readonly rows: number;
}
interface Progress {
  readonly table: string;
  readonly done: number;
}

function clock(start = Date.parse('2026-01-01T00:00:00Z')) {
  let t = start;
  return () => {
    t += 1000;
    return new Date(t);
  };
}

const count = (sql: ReturnType<typeof memorySql>) =>
  (sql.db.prepare('SELECT count(*) AS n FROM runs').get() as { n: number }).n;

describe('RunBook', () => {
  it('records finished runs and lists them newest first, results as they were', () => {
    const sql = memorySql();
    const book = new RunBook<Result, Progress>(sql, { now: clock() });
    const started = book.begin();
    book.record('cron', started, [{ table: 'a', rows: 3 }]);
    book.end();
    book.record('operator', book.begin(), [{ table: 'b', rows: 0 }]);
    expect(book.history()).toEqual([
      {
        id: 2,
        trigger: 'operator',
        startedAt: '2026-01-01T00:00:03.000Z',
        finishedAt: '2026-01-01T00:00:04.000Z',
        results: [{ table: 'b', rows: 0 }],
      },
      {
        id: 1,
        trigger: 'cron',
        startedAt: '2026-01-01T00:00:01.000Z',
        finishedAt: '2026-01-01T00:00:02.000Z',
        results: [{ table: 'a', rows: 3 }],
      },
    ]);
    expect(book.history(1).map((r) => r.id)).toEqual([2]);
  });

  it('keeps only the newest runs, and ids go on growing after the oldest are dropped', () => {
    const sql = memorySql();
    const book = new RunBook<Result, Progress>(sql, { keep: 3, now: clock() });
    for (let i = 1; i <= 5; i++) book.record('cron', `t${i}`, [{ table: 't', rows: i }]);
    expect(count(sql)).toBe(3);
    expect(book.history(10).map((r) => [r.id, r.results[0]?.rows])).toEqual([
      [5, 5],
      [4, 4],
      [3, 3],
    ]);
    // A new book over the same table (a restarted Durable Object) goes on from there.
    const again = new RunBook<Result, Progress>(sql, { keep: 3, now: clock() });
    again.record('operator', 't6', []);
    expect(again.history(10).map((r) => r.id)).toEqual([6, 5, 4]);
  });

  it(`keeps ${DEFAULT_KEEP_RUNS} runs by default`, () => {
    const sql = memorySql();
    const book = new RunBook<Result, Progress>(sql, { now: clock() });
    for (let i = 1; i <= DEFAULT_KEEP_RUNS + 2; i++) book.record('cron', `t${i}`, []);
    expect(count(sql)).toBe(DEFAULT_KEEP_RUNS);
    expect(book.history(1)[0]?.id).toBe(DEFAULT_KEEP_RUNS + 2);
    expect((sql.db.prepare('SELECT min(id) AS id FROM runs').get() as { id: number }).id).toBe(3);
  });

  it('says what is running: nothing, then the start, then the latest progress', () => {
    const book = new RunBook<Result, Progress>(memorySql(), { now: clock() });
    expect(book.status()).toEqual({ running: false });
    book.progress({ table: 'ignored', done: 0 });
    expect(book.status()).toEqual({ running: false });
    const startedAt = book.begin();
    expect(book.status()).toEqual({ running: true, startedAt });
    book.progress({ table: 'a', done: 0 });
    book.progress({ table: 'b', done: 1 });
    expect(book.status()).toEqual({ running: true, startedAt, table: 'b', done: 1 });
    expect(() => book.begin()).toThrow('a run is already in progress');
    book.end();
    expect(book.status()).toEqual({ running: false });
  });

  it('refuses to keep fewer than one run', () => {
    expect(() => new RunBook(memorySql(), { keep: 0 })).toThrow('keep must be a positive integer');
  });
});
