import {
  type ASTVisitor,
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLError,
  Kind,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';

/** Limits every operation must stay within. */
export interface QueryLimits {
  /** Deepest field nesting (`analytics.traffic.points.bucket` is 4). */
  readonly maxDepth: number;
  /** Sum of field costs: 1 per field, `queryFieldCost` per field that runs an engine query. */
  readonly maxComplexity: number;
}

/** The defaults: SEED.md's queries are depth 3–4, complexity well under 100. */
export const defaultQueryLimits: QueryLimits = { maxDepth: 8, maxComplexity: 300 };

/** Fields that cost an engine round trip. */
const engineFields = new Set([
  'eventCounts',
  'timeTravel',
  'traffic',
  'topPages',
  'breakdown',
  'videoEngagement',
  'realtime',
  'tables',
  'table',
  'namespaces',
]);
const ENGINE_FIELD_COST = 25;

/**
 * A validation rule refusing operations deeper than `maxDepth` or costlier
 * than `maxComplexity` before anything runs (fragments are followed).
 */
export function queryLimitsRule(limits: QueryLimits) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const d of context.getDocument().definitions) {
      if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
    }
    const measure = (
      set: SelectionSetNode,
      depth: number,
      seen: Set<string>,
    ): { depth: number; cost: number } => {
      let maxDepth = depth;
      let cost = 0;
      for (const s of set.selections) {
        if (s.kind === Kind.FIELD) {
          const f = s as FieldNode;
          // Introspection (__schema, __type) is bounded by the schema itself.
          if (f.name.value.startsWith('__')) continue;
          cost += engineFields.has(f.name.value) ? ENGINE_FIELD_COST : 1;
          if (f.selectionSet) {
            const inner = measure(f.selectionSet, depth + 1, seen);
            maxDepth = Math.max(maxDepth, inner.depth);
            cost += inner.cost;
          } else {
            maxDepth = Math.max(maxDepth, depth + 1);
          }
        } else if (s.kind === Kind.INLINE_FRAGMENT) {
          const inner = measure(s.selectionSet, depth, seen);
          maxDepth = Math.max(maxDepth, inner.depth);
          cost += inner.cost;
        } else {
          const name = s.name.value;
          const fragment = fragments.get(name);
          if (fragment && !seen.has(name)) {
            const inner = measure(fragment.selectionSet, depth, new Set([...seen, name]));
            maxDepth = Math.max(maxDepth, inner.depth);
            cost += inner.cost;
          }
        }
      }
      return { depth: maxDepth, cost };
    };
    return {
      OperationDefinition(node) {
        const { depth, cost } = measure(node.selectionSet, 0, new Set());
        if (depth > limits.maxDepth) {
          context.reportError(
            new GraphQLError(`The query is ${depth} levels deep; at most ${limits.maxDepth} are allowed.`, {
              nodes: [node],
              extensions: { code: 'QUERY_TOO_COMPLEX', depth, maxDepth: limits.maxDepth },
            }),
          );
        }
        if (cost > limits.maxComplexity) {
          context.reportError(
            new GraphQLError(
              `The query costs ${cost} (each analytics or catalog field ${ENGINE_FIELD_COST}, other fields 1); at most ${limits.maxComplexity} is allowed.`,
              {
                nodes: [node],
                extensions: { code: 'QUERY_TOO_COMPLEX', cost, maxComplexity: limits.maxComplexity },
              },
            ),
          );
        }
      },
    };
  };
}
