#!/usr/bin/env node
/**
 * `npm run codegen`: turns the hand-written contracts in contracts/ into generated/.
 *
 * - Each OpenAPI contract `contracts/<name>.yaml` becomes `generated/<name>/` through
 *   @hey-api/openapi-ts: types (`types.gen.ts`), zod v4 schemas (`zod.gen.ts`) and a fetch SDK
 *   (`sdk.gen.ts`, `client.gen.ts`, `client/`, `core/`).
 * - `contracts/analytics.graphql` becomes `generated/graphql/` through @graphql-codegen:
 *   resolver types, operation types and typed documents for `contracts/examples/*.graphql` and `contracts/operations/*.graphql`,
 *   the printed schema (`schema.graphql`) and the same SDL as a TypeScript string (`schema.ts`)
 *   so Workers can load it without a file system.
 * - `generated/package.json` and `generated/tsconfig.json` are written too, so the exports map
 *   follows the contract list.
 *
 * Usage: `node codegen.ts [--out <dir>]` (default `generated/`). The output is deterministic (no
 * timestamps, sorted inputs), which is what tests/codegen-drift.test.ts relies on.
 */
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { generate } from '@graphql-codegen/cli';
import { createClient } from '@hey-api/openapi-ts';
import { buildSchema, lexicographicSortSchema, printSchema } from 'graphql';

const root = dirname(new URL(import.meta.url).pathname);
const contractsDir = join(root, 'contracts');

/** The OpenAPI contracts, by output folder name. Order does not matter; each has its own folder. */
const openApiContracts = ['ingest', 'ops', 'iceberg-rest-catalog'] as const;

/** First line(s) of every generated TypeScript file. */
function header(source: string): string[] {
  return [
    `// Generated from contracts/${source} by \`npm run codegen\`. Do not edit: change the contract and regenerate.`,
  ];
}

/**
 * Objects that declare properties and also allow others (`additionalProperties: true`, e.g.
 * CustomEvent, CloudEvent extensions) must keep the extra members: plain `z.object` strips them,
 * so emit `z.looseObject` for those.
 */
// biome-ignore lint/suspicious/noExplicitAny: the resolver context type is internal to @hey-api/openapi-ts.
function looseObjectResolver(ctx: any): unknown {
  const schema = ctx.schema;
  const hasProperties = schema.properties && Object.keys(schema.properties).length > 0;
  const additional = schema.additionalProperties;
  if (hasProperties && additional && additional.type !== 'never') {
    return ctx.$(ctx.symbols.z).attr('looseObject').call(ctx.nodes.shape(ctx));
  }
  return ctx.nodes.base(ctx);
}

/**
 * The transformers plugin warns that it cannot walk a union of a string and objects (Iceberg's
 * `Type`). That union holds no int64 field, so nothing is lost; keep the rest of its warnings.
 */
async function withoutUnionWarning<T>(run: () => Promise<T>): Promise<T> {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    const text = String(args[0]);
    if (text.startsWith('❗️ Transformers warning: schema') && text.includes('"logicalOperator":"or"')) return;
    warn(...args);
  };
  try {
    return await run();
  } finally {
    console.warn = warn;
  }
}

async function generateOpenApi(name: string, out: string): Promise<void> {
  const source = `${name}.yaml`;
  await withoutUnionWarning(() =>
    createClient({
      input: join(contractsDir, source),
      output: {
        path: join(out, name),
        header: header(source),
        clean: true,
        module: { extension: '.ts' },
      },
      plugins: [
        '@hey-api/client-fetch',
        '@hey-api/typescript',
        // int64 (Iceberg snapshot ids, sequence numbers, ms timestamps) as bigint in the types and SDK
        // responses, matching the zod schemas' z.coerce.bigint(); date-times stay strings.
        { name: '@hey-api/transformers', bigInt: true, dates: false } as never,
        { name: 'zod', '~resolvers': { object: looseObjectResolver } } as never,
        '@hey-api/sdk',
      ],
      logs: { level: 'silent', file: false },
    }),
  );
}

async function generateGraphql(out: string): Promise<void> {
  const dir = join(out, 'graphql');
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const schemaPath = join(contractsDir, 'analytics.graphql');
  // SEED.md's example queries and the dashboard's operations, in a fixed order.
  const documentsIn = async (folder: string) =>
    (await readdir(join(contractsDir, folder)))
      .filter((f) => f.endsWith('.graphql'))
      .sort()
      .map((f) => join(contractsDir, folder, f));
  const examples = [...(await documentsIn('examples')), ...(await documentsIn('operations'))];
  const add = { add: { content: header('analytics.graphql').join('\n') } };
  const shared = { useTypeImports: true, enumsAsTypes: true, avoidOptionals: false, strictScalars: true };
  await generate(
    {
      schema: schemaPath,
      documents: examples,
      silent: true,
      errorsOnly: true,
      generates: {
        [join(dir, 'resolvers.ts')]: {
          plugins: [add, 'typescript', 'typescript-resolvers'],
          config: {
            ...shared,
            // Resolvers may return bigint ids and Date values; the scalar implementations serialise them.
            scalars: {
              DateTime: { input: 'string', output: 'string | Date' },
              JSON: { input: 'unknown', output: 'unknown' },
              BigInt: { input: 'bigint', output: 'bigint | string' },
            },
            useIndexSignature: false,
          },
        },
        [join(dir, 'operations.ts')]: {
          documents: examples,
          plugins: [add, 'typescript-operations', 'typed-document-node'],
          config: {
            ...shared,
            // What a client sees on the wire.
            scalars: {
              DateTime: 'string',
              JSON: 'unknown',
              BigInt: 'string',
            },
          },
        },
        [join(dir, 'schema.graphql')]: {
          plugins: [{ add: { content: `# ${header('analytics.graphql')[0]?.slice(3)}` } }, 'schema-ast'],
          config: { includeDirectives: false, sort: true },
        },
      },
    },
    true,
  );
  const sdl = await readFile(schemaPath, 'utf8');
  const printed = printSchema(lexicographicSortSchema(buildSchema(sdl)));
  await writeFile(
    join(dir, 'schema.ts'),
    [
      ...header('analytics.graphql'),
      '',
      '/** The analytics GraphQL SDL (contracts/analytics.graphql, printed and sorted), for `buildSchema` in Workers. */',
      `export const typeDefs: string = ${JSON.stringify(printed)};`,
      '',
    ].join('\n'),
  );
  await writeFile(
    join(dir, 'index.ts'),
    [
      ...header('analytics.graphql'),
      '',
      "export * from './operations.ts';",
      "export type * as ResolverTypes from './resolvers.ts';",
      "export { typeDefs } from './schema.ts';",
      '',
    ].join('\n'),
  );
}

/** `generated/package.json`: the workspace `@analytics/generated`, with one export per generated module. */
function packageJson(openApi: readonly string[]): string {
  const exports: Record<string, string> = {};
  for (const name of openApi) {
    exports[`./${name}`] = `./${name}/index.ts`;
    exports[`./${name}/types`] = `./${name}/types.gen.ts`;
    exports[`./${name}/zod`] = `./${name}/zod.gen.ts`;
    exports[`./${name}/sdk`] = `./${name}/sdk.gen.ts`;
  }
  exports['./graphql'] = './graphql/index.ts';
  exports['./graphql/resolvers'] = './graphql/resolvers.ts';
  exports['./graphql/operations'] = './graphql/operations.ts';
  exports['./graphql/schema'] = './graphql/schema.ts';
  exports['./*'] = './*';
  const pkg = {
    name: '@analytics/generated',
    version: '0.1.0',
    private: true,
    type: 'module',
    description: 'Output of `npm run codegen` from contracts/. Never edit by hand.',
    exports,
    scripts: { typecheck: 'tsc -p tsconfig.json' },
    dependencies: {
      '@graphql-typed-document-node/core': '^3.2.0',
      graphql: '^16.11.0',
      zod: '^4.6.6',
    },
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

const tsconfig = `// Written by \`npm run codegen\` (codegen.ts). Do not edit.\n${JSON.stringify(
  {
    extends: '../tsconfig.base.json',
    compilerOptions: { types: [] },
    include: ['**/*.ts'],
    exclude: ['node_modules'],
  },
  null,
  2,
)}\n`;

/** Runs the whole codegen into `out`. Exported for tests that want to call it in-process. */
export async function codegen(out: string): Promise<void> {
  await mkdir(out, { recursive: true });
  const present = new Set(await readdir(contractsDir));
  const openApi = openApiContracts.filter((name) => present.has(`${name}.yaml`));
  // hey-api keeps process-wide state between runs; run the contracts one after another.
  for (const name of openApi) await generateOpenApi(name, out);
  await generateGraphql(out);
  await writeFile(join(out, 'package.json'), packageJson(openApi));
  await writeFile(join(out, 'tsconfig.json'), tsconfig);
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('codegen.ts')) {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  const out = resolve(values.out ?? join(root, 'generated'));
  await codegen(out);
  console.log(`codegen: wrote ${relative(process.cwd(), out) || '.'}`);
}
