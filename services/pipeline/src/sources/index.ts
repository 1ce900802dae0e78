/** Builds each configured source over the Worker's bindings and secrets. */
import type { SourceConfig } from '../config.ts';
import { ImportError } from '../errors.ts';
import { D1Client, type D1Like } from './d1-client.ts';
import { type FetchLike, HranaClient } from './hrana-client.ts';
import { HttpSource } from './http-source.ts';
import type { ImportSource } from './source.ts';
import { SqlSource } from './sql-source.ts';

/** Bindings and secrets by name, as a Worker's `env` holds them. */
export type BindingLookup = (name: string) => unknown;

function secret(lookup: BindingLookup, name: string | undefined, field: string): string | undefined {
  if (name === undefined) return undefined;
  const value = lookup(name);
  if (typeof value !== 'string' || value === '')
    throw new ImportError('config', `${field}: no secret named ${name} is set (wrangler secret put ${name})`);
  return value;
}

/** The source a configuration describes; a missing binding or secret is a `config` error. */
export function buildSource(config: SourceConfig, lookup: BindingLookup, fetcher?: FetchLike): ImportSource {
  switch (config.kind) {
    case 'd1': {
      const db = lookup(config.binding) as Partial<D1Like> | undefined;
      if (typeof db?.prepare !== 'function')
        throw new ImportError(
          'config',
          `binding: the pipeline Worker has no D1 binding named ${config.binding} (add it to d1_databases in its wrangler.jsonc)`,
        );
      return new SqlSource(config, new D1Client(db as D1Like, config.binding));
    }
    case 'libsql': {
      const authToken = secret(lookup, config.authTokenSecret, 'authTokenSecret');
      return new SqlSource(
        config,
        new HranaClient({
          url: config.url,
          ...(authToken ? { authToken } : {}),
          ...(fetcher ? { fetcher } : {}),
        }),
      );
    }
    case 'http': {
      const token = secret(lookup, config.tokenSecret, 'tokenSecret');
      return new HttpSource(config, { ...(fetcher ? { fetcher } : {}), ...(token ? { token } : {}) });
    }
  }
}
