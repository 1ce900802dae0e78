import {
  buildClientSchema,
  buildSchema,
  findBreakingChanges,
  findDangerousChanges,
  type GraphQLSchema,
  type IntrospectionQuery,
  isSchema,
  lexicographicSortSchema,
  parse,
  print,
  printSchema,
  visit,
} from 'graphql';
import { type ContractDifference, difference } from './difference.ts';

/** A served GraphQL schema: SDL text, an introspection result (`data` of the introspection query) or a schema. */
export type ServedGraphqlSchema = string | IntrospectionQuery | GraphQLSchema;

/**
 * Compares a served GraphQL schema with the contract SDL (contracts/analytics.graphql). Every
 * change graphql-js finds in either direction is reported (a field the contract has and the
 * server lacks shows as breaking from contract to served; one the server adds shows as breaking
 * from served to contract), and as a last check the description-free, sorted printed schemas must
 * be equal. Descriptions and definition order never count. Returns `[]` when they agree.
 */
export function compareGraphqlSchemas(
  served: ServedGraphqlSchema,
  contractSdl: string,
): ContractDifference[] {
  const contract = canonical(buildSchema(contractSdl));
  const actual = canonical(toSchema(served));
  const out: ContractDifference[] = [];
  const seen = new Set<string>();
  const add = (d: ContractDifference) => {
    if (!seen.has(d.message)) {
      seen.add(d.message);
      out.push(d);
    }
  };
  for (const change of findBreakingChanges(contract, actual)) {
    add(
      difference(
        'graphql-breaking-change',
        change.type,
        `served schema differs from the contract: ${change.description}`,
      ),
    );
  }
  for (const change of findBreakingChanges(actual, contract)) {
    add(
      difference(
        'graphql-breaking-change',
        change.type,
        `served schema has something the contract lacks: ${change.description}`,
      ),
    );
  }
  for (const change of findDangerousChanges(contract, actual)) {
    add(
      difference(
        'graphql-dangerous-change',
        change.type,
        `served schema differs from the contract: ${change.description}`,
      ),
    );
  }
  for (const change of findDangerousChanges(actual, contract)) {
    add(
      difference(
        'graphql-dangerous-change',
        change.type,
        `served schema has something the contract lacks: ${change.description}`,
      ),
    );
  }
  if (out.length === 0) {
    const a = printSchema(contract).split('\n');
    const b = printSchema(actual).split('\n');
    const line = a.findIndex((text, i) => text !== b[i]);
    if (line >= 0 || a.length !== b.length) {
      const at = line >= 0 ? line : Math.min(a.length, b.length);
      add(
        difference(
          'graphql-schema-mismatch',
          `printed schema line ${at + 1}`,
          `contract has \`${a[at] ?? '<end>'}\` but served has \`${b[at] ?? '<end>'}\``,
        ),
      );
    }
  }
  return out;
}

function toSchema(served: ServedGraphqlSchema): GraphQLSchema {
  if (typeof served === 'string') return buildSchema(served);
  if (isSchema(served)) return served;
  return buildClientSchema(served);
}

/** Sorted and stripped of descriptions, so only what clients can observe on the wire remains. */
function canonical(schema: GraphQLSchema): GraphQLSchema {
  const document = parse(printSchema(lexicographicSortSchema(schema)));
  const stripped = visit(document, {
    enter(node) {
      if ('description' in node && node.description) return { ...node, description: undefined };
      return undefined;
    },
  });
  return lexicographicSortSchema(buildSchema(print(stripped)));
}
