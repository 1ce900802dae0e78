/**
 * Human-readable partition values and the `name=value/…` data path of a
 * partition (Java `PartitionSpec.partitionToPath`, `Transform.toHumanString`).
 */
import type { PartitionValue } from '../spec/data-file.ts';
import type { PartitionSpec } from '../spec/partition-spec.ts';
import { findField } from '../spec/schema-util.ts';
import type { AnyPrimitiveType, Schema } from '../spec/types.ts';
import { isPrimitive } from '../spec/types.ts';
import { parseTransform, type Transform, transformResultType } from './transform.ts';

const MS_PER_DAY = 86_400_000;

function isoDate(days: number): string {
  return new Date(days * MS_PER_DAY).toISOString().slice(0, 10);
}

function hexOf(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

function decimalString(unscaled: bigint, scale: number): string {
  if (scale === 0) return unscaled.toString();
  const neg = unscaled < 0n;
  const digits = (neg ? -unscaled : unscaled).toString().padStart(scale + 1, '0');
  return `${neg ? '-' : ''}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

/** A partition value as a human string (`2024-01-01`, `2024-01-01-13`, `2024-01`, `2024`, …); null is `null`. */
export function humanPartitionValue(t: Transform, source: AnyPrimitiveType, value: PartitionValue): string {
  if (value === null) return 'null';
  switch (t.kind) {
    case 'year':
      return String(1970 + (value as number));
    case 'month': {
      const m = value as number;
      const y = 1970 + Math.floor(m / 12);
      return `${y}-${String(m - (y - 1970) * 12 + 1).padStart(2, '0')}`;
    }
    case 'day':
      return isoDate(value as number);
    case 'hour': {
      const h = value as number;
      return `${isoDate(Math.floor(h / 24))}-${String(((h % 24) + 24) % 24).padStart(2, '0')}`;
    }
    default:
      break;
  }
  const type = transformResultType(t, source);
  if (type.type === 'date') return isoDate(value as number);
  if (type.type === 'decimal') return decimalString(value as bigint, type.scale);
  if (value instanceof Uint8Array) return hexOf(value);
  return String(value);
}

/** The relative directory of a partition, e.g. `ts_day=2024-01-01/id_bucket=3`; empty when unpartitioned. */
export function partitionPath(
  spec: PartitionSpec,
  schema: Schema,
  values: readonly PartitionValue[],
): string {
  return spec.fields
    .map((f, i) => {
      const source = findField(schema, f.sourceId)?.type;
      const primitive: AnyPrimitiveType = source && isPrimitive(source) ? source : { type: 'string' };
      const human = humanPartitionValue(parseTransform(f.transform), primitive, values[i] ?? null);
      return `${encodeURIComponent(f.name)}=${encodeURIComponent(human)}`;
    })
    .join('/');
}
