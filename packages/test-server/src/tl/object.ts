/**
 * A TL object as @telets/tl-schema represents it: `_` is the constructor or function name,
 * fields are camelCase, `long` is bigint, `bytes`/`int128`/`int256` are Uint8Array,
 * `Bool` is boolean, vectors are arrays, and absent flags are undefined.
 * The server handles objects of several layers, so it uses this loose shape.
 */
export interface TlObj {
  _: string;
  [field: string]: unknown;
}

export function isTlObj(value: unknown): value is TlObj {
  return typeof value === 'object' && value !== null && typeof (value as TlObj)._ === 'string';
}

/** Field name in objects from the parameter name in the schema (snake_case → camelCase). */
export function fieldKey(paramName: string): string {
  return paramName.replace(/_([a-zA-Z0-9])/g, (_m, c: string) => c.toUpperCase());
}
