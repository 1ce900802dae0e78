/**
 * The small JSON path subset the HTTP source needs to find records, next
 * links and page cursors in an API's answer: `$` (the whole document),
 * `$.data.items`, `$.results[0].rows`, `$['odd key']`; the leading `$` is
 * optional (`data.items`).
 */

/** One step: an object member or an array index. */
type Step = string | number;

/** Parses a path; throws with the offending position for anything else. */
export function parseJsonPath(path: string): Step[] {
  const steps: Step[] = [];
  let i = path.startsWith('$') ? 1 : 0;
  if (i === 0 && path !== '' && !path.startsWith('.') && !path.startsWith('[')) {
    // `data.items` is read as `$.data.items`.
    path = `.${path}`;
  }
  const at = (msg: string) => new Error(`invalid JSON path ${JSON.stringify(path)} at ${i}: ${msg}`);
  while (i < path.length) {
    const c = path[i];
    if (c === '.') {
      const m = /^[A-Za-z0-9_$-]+/.exec(path.slice(i + 1));
      if (!m) throw at('expected a member name after "."');
      steps.push(m[0]);
      i += 1 + m[0].length;
    } else if (c === '[') {
      const rest = path.slice(i);
      const index = /^\[(\d+)\]/.exec(rest);
      const quoted = /^\[(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")\]/.exec(rest);
      if (index) {
        steps.push(Number(index[1]));
        i += index[0].length;
      } else if (quoted) {
        steps.push((quoted[1] ?? quoted[2] ?? '').replace(/\\(.)/g, '$1'));
        i += quoted[0].length;
      } else throw at("expected [n] or ['name']");
    } else throw at(`unexpected ${JSON.stringify(c)}`);
  }
  return steps;
}

/** The value at `path` in `doc`, or undefined when a step is missing. */
export function selectJsonPath(doc: unknown, path: string | readonly Step[]): unknown {
  const steps = typeof path === 'string' ? parseJsonPath(path) : path;
  let node: unknown = doc;
  for (const step of steps) {
    if (typeof step === 'number') {
      if (!Array.isArray(node)) return undefined;
      node = node[step];
    } else {
      if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
      node = (node as Record<string, unknown>)[step];
    }
    if (node === undefined) return undefined;
  }
  return node;
}
