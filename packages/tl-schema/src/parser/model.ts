// The parsed form of a .tl schema: plain data, so the generator and a schema-driven codec (the test
// server's, for older layers) can both walk it.

/** A type as written in a parameter or result position. */
export interface TlTypeRef {
  /**
   * `int`, `long`, `double`, `string`, `bytes`, `int128`, `int256`, `Bool`, `true`, `#` (a flags
   * word), `Vector` / `vector`, a generic variable (`X`), a constructor name (bare) or a type name.
   */
  name: string;
  /** Bare (no constructor id on the wire): `%T`, `vector<T>`, a lowercase constructor name, and primitives. */
  isBare: boolean;
  /** `!X`: the value is any function object whose result is the type of `X`. */
  isGenericQuery: boolean;
  /** For `Vector<T>` and `vector<T>`: the element type. */
  element?: TlTypeRef;
}

/** `flags.3?Type`: the parameter is present only when bit `bit` of flags field `field` is set. */
export interface TlFlagCondition {
  field: string;
  bit: number;
}

export interface TlParam {
  /** Name as in the schema (snake_case). */
  name: string;
  type: TlTypeRef;
  /** Set when the parameter is conditional. */
  flag?: TlFlagCondition;
}

export interface TlGenericParam {
  name: string;
  /** Always `Type` in Telegram's schemas. */
  type: string;
}

export interface TlDefinition {
  kind: 'constructor' | 'function';
  /** Full name, e.g. `auth.sentCode`. */
  name: string;
  /** `auth` for `auth.sentCode`, undefined when not namespaced. */
  namespace: string | undefined;
  /** Unsigned 32-bit constructor id (explicit in the line, or the CRC32 of the line). */
  id: number;
  /** Whether the id was written in the line (and therefore checked against the CRC32). */
  hasExplicitId: boolean;
  generics: TlGenericParam[];
  params: TlParam[];
  /** The type after `=`: the abstract type of a constructor, the result type of a function. */
  result: TlTypeRef;
  file: string;
  line: number;
  /** The definition's text as written, without the trailing `;`. */
  source: string;
}

export interface TlSchema {
  /** From a `// LAYER N` comment, when the text has one. */
  layer: number | undefined;
  constructors: TlDefinition[];
  functions: TlDefinition[];
}
