import { typeDefs } from '@analytics/generated/graphql/schema.ts';
import {
  buildSchema,
  type GraphQLFieldResolver,
  GraphQLObjectType,
  GraphQLScalarType,
  type GraphQLSchema,
} from 'graphql';
import { type ApiContext, resolvers } from './resolvers.ts';
import { installScalars } from './scalars.ts';

/**
 * The served schema: the contract's SDL (generated/graphql/schema.ts, so the
 * Worker needs no file system) with our resolvers and scalar rules attached.
 * Built once per isolate.
 */
export function buildApiSchema(): GraphQLSchema {
  const schema = buildSchema(typeDefs);
  const scalar = (name: string) => {
    const t = schema.getType(name);
    if (!(t instanceof GraphQLScalarType)) throw new Error(`The contract lacks scalar ${name}`);
    return t;
  };
  installScalars({ DateTime: scalar('DateTime'), BigInt: scalar('BigInt'), JSON: scalar('JSON') });
  for (const [typeName, fields] of Object.entries(resolvers)) {
    const type = schema.getType(typeName);
    if (!(type instanceof GraphQLObjectType)) continue;
    const defined = type.getFields();
    for (const [fieldName, resolve] of Object.entries(fields as Record<string, unknown>)) {
      const field = defined[fieldName];
      if (!field) throw new Error(`Resolver ${typeName}.${fieldName} has no field in the contract`);
      field.resolve = resolve as GraphQLFieldResolver<unknown, ApiContext>;
    }
  }
  return schema;
}
