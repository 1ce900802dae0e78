import type { Env } from './env.ts';
import type { FlushTarget } from './flush-target.ts';

/** The flush target of a deployed collector: Parquet in R2 and a commit through the CATALOG binding. */
export function icebergFlushTarget(_env: Env): FlushTarget {
  return {
    async appendOnce() {
      throw new Error('the Iceberg flush target is not wired yet');
    },
  };
}
