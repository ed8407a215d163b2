// Builds TL objects for any definition from the parsed schema, so the round-trip suite covers every
// constructor and function without hand-written fixtures.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TlDefinition, TlParam, TlTypeRef } from '../../src/parser/model';
import { parseSchema } from '../../src/parser/parse';

export type Mode = 'all' | 'none' | 'random';

const schemaDir = fileURLToPath(new URL('../../schema/', import.meta.url));
export const apiSchema = parseSchema(readFileSync(`${schemaDir}api.tl`, 'utf8'), 'api.tl');
export const mtprotoSchema = parseSchema(
  readFileSync(`${schemaDir}mtproto.tl`, 'utf8'),
  'mtproto.tl',
);
export const allDefinitions: TlDefinition[] = [
  ...apiSchema.constructors,
  ...apiSchema.functions,
  ...mtprotoSchema.constructors,
  ...mtprotoSchema.functions,
];

const byType = new Map<string, TlDefinition[]>();
const ctorByName = new Map<string, TlDefinition>();
for (const d of allDefinitions) {
  if (d.kind !== 'constructor') continue;
  ctorByName.set(d.name, d);
  byType.set(d.result.name, [...(byType.get(d.result.name) ?? []), d]);
}

/** Small deterministic PRNG (mulberry32) so failures reproduce. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LONG_TEXT = `${'long text é ✓ 😀 '.repeat(20)}end`; // > 254 UTF-8 bytes
const INTS = [0, 1, -1, 2147483647, -2147483648, 254, 65536];
const LONGS = [0n, 1n, -1n, 9223372036854775807n, -9223372036854775808n, 0x1234567890n];
const DOUBLES = [
  0,
  1.5,
  -1.5,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
  Number.POSITIVE_INFINITY,
  -1e-300,
];
const STRINGS = ['', 'a', 'Hi!', 'héllo wörld', '😀', LONG_TEXT];

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)];
}

function bytesOf(rand: () => number, n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.floor(rand() * 256);
  return out;
}

/** Cost of the cheapest instance of a constructor: how many object-typed fields it must hold. */
function requiredObjects(d: TlDefinition): number {
  return d.params.filter(
    (p) =>
      !p.flag && !p.type.element && /^[A-Z]|\.[A-Z]/.test(p.type.name) && p.type.name !== 'Bool',
  ).length;
}

export class InstanceGenerator {
  private readonly rand: () => number;

  constructor(
    private readonly mode: Mode,
    seed = 1,
    private readonly maxDepth = 3,
  ) {
    this.rand = prng(seed);
  }

  value(type: TlTypeRef, def: TlDefinition, depth: number): unknown {
    const r = this.rand;
    const deep = depth >= this.maxDepth;
    if (type.element) {
      const isPrimitiveElement = /^(int|long|double|string|bytes|int128|int256|Bool)$/.test(
        type.element.name,
      );
      // Long vectors of primitives at the top; a few elements of objects (they nest).
      const full = depth === 0 ? (isPrimitiveElement ? 300 : 3) : 1;
      const n = deep || this.mode === 'none' ? 0 : this.mode === 'all' ? full : Math.floor(r() * 3);
      const out: unknown[] = [];
      for (let i = 0; i < n; i++) out.push(this.value(type.element, def, depth + 1));
      return out;
    }
    if (type.isGenericQuery || def.generics.some((g) => g.name === type.name)) {
      return deep ? { _: 'help.getConfig' } : { _: 'help.getNearestDc' };
    }
    switch (type.name) {
      case 'int':
        return pick(r, INTS);
      case 'long':
        return pick(r, LONGS);
      case 'double':
        return pick(r, DOUBLES);
      case 'string':
        return this.mode === 'all' && depth === 0 ? LONG_TEXT : pick(r, STRINGS);
      case 'bytes':
        return bytesOf(r, pick(r, [0, 1, 3, 253, 254, 300]));
      case 'int128':
        return bytesOf(r, 16);
      case 'int256':
        return bytesOf(r, 32);
      case 'Bool':
        return r() < 0.5;
      case 'true':
        return true;
    }
    const ctor = ctorByName.get(type.name);
    if (ctor) return this.object(ctor, depth + 1);
    const ctors = byType.get(type.name);
    if (!ctors) throw new Error(`no constructors for ${type.name}`);
    const chosen = deep
      ? [...ctors].sort((a, b) => requiredObjects(a) - requiredObjects(b))[0]
      : pick(r, ctors);
    return this.object(chosen, depth + 1);
  }

  /** An object for `def`; flags sharing one bit are set or cleared together. */
  object(def: TlDefinition, depth = 0): Record<string, unknown> {
    const out: Record<string, unknown> = { _: def.name };
    const bits = new Map<string, boolean>();
    const isSet = (p: TlParam): boolean => {
      if (!p.flag) return true;
      const key = `${p.flag.field}.${p.flag.bit}`;
      let v = bits.get(key);
      if (v === undefined) {
        v =
          depth >= this.maxDepth || this.mode === 'none'
            ? false
            : this.mode === 'all'
              ? true
              : this.rand() < 0.5;
        bits.set(key, v);
      }
      return v;
    };
    for (const p of def.params) {
      if (p.type.name === '#') continue;
      const key = camel(p.name);
      if (p.type.name === 'true' && p.flag) {
        out[key] = isSet(p);
        continue;
      }
      if (!isSet(p)) continue;
      out[key] = this.value(p.type, def, depth);
    }
    return out;
  }
}

export function camel(name: string): string {
  return name.replace(/_([A-Za-z0-9])/g, (_, c: string) => c.toUpperCase());
}
