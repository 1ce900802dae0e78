import { describe, expect, it } from 'vitest';
import { reportOperations } from './operations.ts';

const counter = (classA: number, classB: number) => ({ take: () => ({ classA, classB }) });

describe('reportOperations', () => {
  it('sends the counts to the catalog under the service name', async () => {
    const calls: unknown[][] = [];
    const catalog = { recordOperations: async (...args: unknown[]) => void calls.push(args) };
    await reportOperations(catalog, 'pipeline', counter(3, 7));
    expect(calls).toEqual([['pipeline', 3, 7]]);
  });

  it('sends nothing when the run made no operations', async () => {
    const calls: unknown[][] = [];
    const catalog = { recordOperations: async (...args: unknown[]) => void calls.push(args) };
    await reportOperations(catalog, 'maintenance', counter(0, 0));
    expect(calls).toEqual([]);
  });

  it('logs a failure instead of failing the run', async () => {
    const logged: string[] = [];
    const catalog = {
      recordOperations: async () => {
        throw new Error('catalog down');
      },
    };
    await reportOperations(catalog, 'pipeline', counter(1, 0), (m) => logged.push(m));
    expect(logged).toEqual(['could not report R2 operations to the catalog: Error: catalog down']);
  });
});
