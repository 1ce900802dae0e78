import { type ContractDifference, difference } from './difference.ts';
import type { NormalSchema } from './normal-schema.ts';

/**
 * Compares a contract schema with a served schema, both normalised, and appends one difference per
 * mismatch: missing or extra properties, changed types, nullability, required sets, union shapes.
 * `location` names the schema (operation, part, media type); property paths are appended to it.
 */
export function compareSchemas(
  contract: NormalSchema,
  served: NormalSchema,
  location: string,
  out: ContractDifference[],
  path = '',
): void {
  if (contract.recursiveRef || served.recursiveRef) return;
  const at = path === '' ? location : `${location} › ${path}`;
  const name = path === '' ? 'the schema' : `\`${path}\``;

  if (contract.types.join('|') !== served.types.join('|')) {
    out.push(
      difference(
        'type-mismatch',
        at,
        `${name} has type ${describeTypes(contract.types)} in the contract but ${describeTypes(served.types)} as served`,
      ),
    );
  }
  const cv = contract.values?.join(', ');
  const sv = served.values?.join(', ');
  if (cv !== sv) {
    out.push(
      difference(
        'enum-mismatch',
        at,
        `${name} allows ${cv === undefined ? 'any value' : `only ${cv}`} in the contract but ${sv === undefined ? 'any value' : `only ${sv}`} as served`,
      ),
    );
  }
  if (contract.nullable !== served.nullable) {
    out.push(
      difference(
        'nullable-mismatch',
        at,
        `${name} is ${contract.nullable ? '' : 'not '}nullable in the contract but ${served.nullable ? '' : 'not '}nullable as served`,
      ),
    );
  }

  for (const [prop, schema] of contract.properties) {
    const child = join(path, prop);
    const other = served.properties.get(prop);
    if (!other) {
      out.push(difference('missing-property', at, `property \`${child}\` is in the contract but not served`));
      continue;
    }
    compareSchemas(schema, other, location, out, child);
  }
  for (const prop of served.properties.keys()) {
    if (!contract.properties.has(prop)) {
      out.push(
        difference(
          'extra-property',
          at,
          `property \`${join(path, prop)}\` is served but not in the contract`,
        ),
      );
    }
  }
  for (const prop of contract.required) {
    if (!served.required.includes(prop) && served.properties.has(prop)) {
      out.push(
        difference(
          'required-mismatch',
          at,
          `property \`${join(path, prop)}\` is required in the contract but optional as served`,
        ),
      );
    }
  }
  for (const prop of served.required) {
    if (!contract.required.includes(prop) && contract.properties.has(prop)) {
      out.push(
        difference(
          'required-mismatch',
          at,
          `property \`${join(path, prop)}\` is optional in the contract but required as served`,
        ),
      );
    }
  }

  if (contract.items || served.items) {
    if (contract.items && served.items) {
      compareSchemas(contract.items, served.items, location, out, `${path}[]`);
    } else if (contract.types.includes('array') && served.types.includes('array')) {
      out.push(
        difference(
          'type-mismatch',
          at,
          `${name} has ${contract.items ? 'typed' : 'untyped'} items in the contract but ${served.items ? 'typed' : 'untyped'} items as served`,
        ),
      );
    }
  }

  const cVariants = contract.variants ?? [];
  const sVariants = served.variants ?? [];
  if (cVariants.length !== sVariants.length) {
    out.push(
      difference(
        'union-mismatch',
        at,
        `${name} is a union of ${cVariants.length || 'no'} object/array variants in the contract but ${sVariants.length || 'no'} as served`,
      ),
    );
  } else {
    cVariants.forEach((variant, i) => {
      compareSchemas(variant, sVariants[i] as NormalSchema, location, out, `${path}<variant ${i + 1}>`);
    });
  }
}

function join(path: string, prop: string): string {
  return path === '' ? prop : `${path}.${prop}`;
}

function describeTypes(types: readonly string[]): string {
  return types.length === 0 ? 'any' : types.join(' | ');
}
