/**
 * Iceberg data types (spec: "Schemas and Data Types"). Format v2 only: the v3
 * types (timestamp_ns, variant, geometry…) are deliberately absent.
 */

/** Primitive type names as they appear in metadata JSON. */
export type PrimitiveTypeName =
  | 'boolean'
  | 'int'
  | 'long'
  | 'float'
  | 'double'
  | 'date'
  | 'time'
  | 'timestamp'
  | 'timestamptz'
  | 'string'
  | 'uuid'
  | 'binary';

/** `decimal(P,S)` and `fixed[L]` carry parameters, so they are objects in the domain model. */
export interface DecimalType {
  readonly type: 'decimal';
  readonly precision: number;
  readonly scale: number;
}

export interface FixedType {
  readonly type: 'fixed';
  readonly length: number;
}

export interface PrimitiveType {
  readonly type: PrimitiveTypeName;
}

export type AnyPrimitiveType = PrimitiveType | DecimalType | FixedType;

/** A field of a struct, or a top-level column of a schema. Ids are unique across the whole schema. */
export interface NestedField {
  readonly id: number;
  readonly name: string;
  readonly required: boolean;
  readonly type: IcebergType;
  readonly doc?: string;
}

export interface StructType {
  readonly type: 'struct';
  readonly fields: readonly NestedField[];
}

export interface ListType {
  readonly type: 'list';
  readonly elementId: number;
  readonly elementRequired: boolean;
  readonly element: IcebergType;
}

/** Map keys are always required (spec). */
export interface MapType {
  readonly type: 'map';
  readonly keyId: number;
  readonly key: IcebergType;
  readonly valueId: number;
  readonly valueRequired: boolean;
  readonly value: IcebergType;
}

export type IcebergType = AnyPrimitiveType | StructType | ListType | MapType;

/** A table schema: a struct with an id. */
export interface Schema {
  readonly schemaId: number;
  readonly identifierFieldIds?: readonly number[];
  readonly fields: readonly NestedField[];
}

export function isPrimitive(t: IcebergType): t is AnyPrimitiveType {
  return t.type !== 'struct' && t.type !== 'list' && t.type !== 'map';
}
