import { DurableObject } from 'cloudflare:workers';
import {
  type CatalogContext,
  createCatalogApp,
  MetadataFiles,
  type OperationClass,
  parseCredentialConfig,
  R2_LIST_PRICES,
  usageMonth,
} from '@analytics/catalog';
import type { CatalogEnv } from './catalog-env.ts';
import { R2ObjectStore } from './r2-object-store.ts';
import { SqliteCatalogStore } from './sqlite-catalog-store.ts';

/** Local-development defaults, refused when ENVIRONMENT is production. */
const LOCAL_CREDENTIAL = 'analytics:analytics-secret';
const LOCAL_TOKEN_SECRET = 'local-development-token-secret';

function price(raw: string | undefined, fallback: number): number {
  const n = raw === undefined ? Number.NaN : Number(raw);
  return Number.isFinite(n) && n >= 0 ? n : fallback;
}

/** How long R2 operation counts wait in memory before they are written. */
const TALLY_WRITE_MS = 1_000;

/**
 * One per warehouse: owns namespaces, table pointers and their history, the
 * audit log and R2 operation counters in its SQLite storage, and serves the
 * catalog's HTTP app. Every commit's requirement check and pointer swap is one
 * `transactionSync`, so optimistic concurrency is real.
 */
export class CatalogDurableObject extends DurableObject<CatalogEnv> {
  readonly #store: SqliteCatalogStore;
  readonly #app: ReturnType<typeof createCatalogApp>;
  /**
   * R2 operation counts not yet written, by month and service. Every R2
   * call of the catalog and every report of another service used to be a
   * transaction of its own (a flush of the stack made a dozen); they are now
   * added up here and written at most a second later, and before any cost
   * report reads them. A crash loses at most that second of counts, which
   * are an estimate of R2 charges, never data.
   */
  readonly #tally = new Map<string, { month: string; service: string; classA: number; classB: number }>();
  #tallyTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(state: DurableObjectState, env: CatalogEnv) {
    super(state, env);
    this.#store = new SqliteCatalogStore(state.storage);
    const production = env.ENVIRONMENT === 'production';
    const count = (cls: OperationClass) =>
      this.recordOperations('catalog', cls === 'A' ? 1 : 0, cls === 'B' ? 1 : 0);
    const buckets = new Map([
      ['analytics-source', new R2ObjectStore(env.SOURCE, count)],
      ['analytics-processed', new R2ObjectStore(env.PROCESSED, count)],
      ['analytics-catalog', new R2ObjectStore(env.CATALOG_BUCKET, count)],
    ]);
    const tokenSecret = env.CATALOG_TOKEN_SECRET ?? (production ? undefined : LOCAL_TOKEN_SECRET);
    if (!tokenSecret) throw new Error('CATALOG_TOKEN_SECRET must be set in production');
    const catalog: CatalogContext = {
      store: this.#store,
      buckets,
      files: new MetadataFiles(buckets),
      warehouse: {
        name: env.WAREHOUSE ?? 'analytics',
        location: env.WAREHOUSE_LOCATION ?? 's3://analytics-source',
      },
      ...(env.S3_ENDPOINT && env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY
        ? {
            storage: {
              endpoint: env.S3_ENDPOINT,
              accessKeyId: env.S3_ACCESS_KEY_ID,
              secretAccessKey: env.S3_SECRET_ACCESS_KEY,
              region: env.S3_REGION ?? 'auto',
            },
          }
        : {}),
      nowMs: () => Date.now(),
      newUuid: () => crypto.randomUUID(),
      writeUsage: () => this.#writeTally(),
    };
    this.#app = createCatalogApp({
      catalog,
      auth: {
        registry: parseCredentialConfig(
          env.CATALOG_TOKENS,
          env.CATALOG_CREDENTIAL ?? (production ? undefined : LOCAL_CREDENTIAL),
        ),
        tokenSecret,
        tokenTtlSeconds: price(env.CATALOG_TOKEN_TTL_SECONDS, 3600),
        nowMs: () => Date.now(),
      },
      ops: {
        prices: {
          storagePerGbMonth: price(env.R2_PRICE_STORAGE_GB_MONTH, R2_LIST_PRICES.storagePerGbMonth),
          classAPerMillion: price(env.R2_PRICE_CLASS_A_PER_MILLION, R2_LIST_PRICES.classAPerMillion),
          classBPerMillion: price(env.R2_PRICE_CLASS_B_PER_MILLION, R2_LIST_PRICES.classBPerMillion),
        },
      },
    });
  }

  override fetch(request: Request): Promise<Response> {
    return Promise.resolve(this.#app.fetch(request));
  }

  /** Adds R2 operations a service made (class A: writes/lists, class B: reads) to this month's counters. */
  recordOperations(service: string, classA: number, classB: number): void {
    const month = usageMonth(Date.now());
    const key = `${month}\u0000${service}`;
    const counts = this.#tally.get(key) ?? { month, service, classA: 0, classB: 0 };
    counts.classA += classA;
    counts.classB += classB;
    this.#tally.set(key, counts);
    this.#tallyTimer ??= setTimeout(() => this.#writeTally(), TALLY_WRITE_MS);
  }

  /** Writes the tallied counts in one transaction. */
  #writeTally(): void {
    if (this.#tallyTimer !== undefined) clearTimeout(this.#tallyTimer);
    this.#tallyTimer = undefined;
    if (this.#tally.size === 0) return;
    const counts = [...this.#tally.values()];
    this.#tally.clear();
    this.#store.transact((tx) => {
      for (const c of counts) tx.journal.addUsage(c.month, c.service, c.classA, c.classB);
    });
  }
}
