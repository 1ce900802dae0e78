/** Quote an identifier for DuckDB SQL (double quotes, inner quotes doubled). */
export function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Quote a string literal for DuckDB SQL (single quotes, inner quotes doubled). */
export function literal(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** A DuckDB list literal of string literals, e.g. `['a', 'b']`. */
export function literalList(values: readonly string[]): string {
  return `[${values.map(literal).join(', ')}]`;
}
