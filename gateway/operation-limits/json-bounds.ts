/** How large a JSON value sent with an operation (its variables, its extensions) may be. */
export interface JsonBounds {
  /** Deepest nesting of objects and arrays, the outermost one (e.g. the variables object) being level 1. */
  maxDepth: number;
  /** Largest size as JSON text, in bytes (strings counted as UTF-8, escapes not). */
  maxBytes: number;
}

export type JsonBoundsViolation = { kind: 'depth'; depth: number } | { kind: 'size'; bytes: number };

function scalarBytes(value: unknown): number {
  if (typeof value === 'string') return Buffer.byteLength(value) + 2;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value).length;
  return 4; // null (and what JSON.stringify writes as null)
}

/**
 * Walks a parsed JSON value with an explicit stack and stops at the first bound it breaks. Code that recurses
 * over JSON (JSON.stringify of a subgraph request, scalar coercion) overflows the stack on values nested some
 * thousands deep, which a request body of a few kilobytes can hold.
 */
export function jsonBoundsViolation(value: unknown, bounds: JsonBounds): JsonBoundsViolation | undefined {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  let bytes = 0;
  while (stack.length) {
    const item = stack.pop()!;
    if (item.value === null || typeof item.value !== 'object') {
      bytes += scalarBytes(item.value);
    } else {
      if (item.depth + 1 > bounds.maxDepth) return { kind: 'depth', depth: item.depth + 1 };
      const entries = Array.isArray(item.value)
        ? item.value.map((element): [string | undefined, unknown] => [undefined, element])
        : Object.entries(item.value);
      // Brackets and commas; then `"key":` for each member.
      bytes += 2 + Math.max(entries.length - 1, 0);
      for (const [key, element] of entries) {
        if (key !== undefined) bytes += Buffer.byteLength(key) + 3;
        stack.push({ value: element, depth: item.depth + 1 });
      }
    }
    if (bytes > bounds.maxBytes) return { kind: 'size', bytes };
  }
  return undefined;
}
