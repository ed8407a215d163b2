import { TestServerError } from '../errors.js';
import type { BinaryFactory, TlReaderLike, TlWriterLike } from './binary.js';
import { fieldKey, isTlObj, type TlObj } from './object.js';
import type { ParsedSchema, SchemaDefinition, SchemaTypeRef } from './schema-model.js';

/** A value could not be encoded or decoded through a schema (unknown constructor, wrong shape). */
export class SchemaCodecError extends TestServerError {
  /** The constructor id that was not found, when that is the cause. */
  readonly constructorId: number | undefined;
  constructor(message: string, constructorId?: number) {
    super(message);
    this.name = 'SchemaCodecError';
    this.constructorId = constructorId;
  }
}

const VECTOR_ID = 0x1cb5c415;
const BOOL_TRUE = 0x997275b5;
const BOOL_FALSE = 0xbc799737;
const MAX_DEFAULT_DEPTH = 6;

interface Field {
  name: string;
  key: string;
  type: SchemaTypeRef;
  flag?: { field: string; bit: number };
  isFlagsWord: boolean;
}

interface Def {
  name: string;
  id: number;
  isFunction: boolean;
  fields: Field[];
  flagWords: Field[];
  result: SchemaTypeRef;
}

export interface SchemaCodecOptions {
  /** mtproto.tl writes binary values (pq, encrypted_data, info) as `string`: keep them bytes. */
  stringsAsBytes?: boolean;
}

/**
 * Encodes and decodes TL objects by walking a parsed schema: the server's way to speak older layers.
 * Objects are looked up by constructor NAME and their fields by name, so an object built for
 * layer 228 is written in layer 198 by leaving out what 198 lacks and defaulting what 198 requires
 * but 228 dropped.
 */
export class SchemaCodec {
  private readonly byId = new Map<number, Def>();
  private readonly constructorsByName = new Map<string, Def>();
  private readonly functionsByName = new Map<string, Def>();
  private readonly constructorsOfType = new Map<string, Def[]>();
  private readonly stringsAsBytes: boolean;

  constructor(
    readonly layer: number,
    schemas: readonly ParsedSchema[],
    private readonly binary: BinaryFactory,
    options: SchemaCodecOptions = {},
  ) {
    this.stringsAsBytes = options.stringsAsBytes ?? false;
    for (const schema of schemas) {
      for (const def of schema.constructors) this.add(def, false);
      for (const def of schema.functions) this.add(def, true);
    }
  }

  private add(source: SchemaDefinition, isFunction: boolean): void {
    if (isFunction ? false : source.result.name === 'Vector') return; // the `vector` builtin line
    const fields: Field[] = source.params.map((p) => ({
      name: p.name,
      key: fieldKey(p.name),
      type: p.type,
      flag: p.flag,
      isFlagsWord: p.type.name === '#',
    }));
    const def: Def = {
      name: source.name,
      id: source.id >>> 0,
      isFunction,
      fields,
      flagWords: fields.filter((f) => f.isFlagsWord),
      result: source.result,
    };
    this.byId.set(def.id, def);
    if (isFunction) this.functionsByName.set(def.name, def);
    else {
      this.constructorsByName.set(def.name, def);
      const list = this.constructorsOfType.get(def.result.name) ?? [];
      list.push(def);
      this.constructorsOfType.set(def.result.name, list);
    }
  }

  hasConstructor(name: string): boolean {
    return this.constructorsByName.has(name) || this.functionsByName.has(name);
  }

  /** Name of the constructor or function with this id, if the schema has it. */
  nameOf(id: number): string | undefined {
    return this.byId.get(id >>> 0)?.name;
  }

  isFunctionId(id: number): boolean {
    return this.byId.get(id >>> 0)?.isFunction ?? false;
  }

  /** The result type a function returns (to encode its rpc_result), if the schema has it. */
  resultTypeOf(functionName: string): SchemaTypeRef | undefined {
    return this.functionsByName.get(functionName)?.result;
  }

  encode(obj: TlObj): Uint8Array {
    const w = this.binary.writer();
    this.writeObject(w, obj, undefined);
    return w.finish();
  }

  /** Encodes a function's result as its result type requires (Bool, Vector<User>, a boxed type). */
  encodeResult(functionName: string, value: unknown): Uint8Array {
    const type = this.resultTypeOf(functionName);
    if (!type) throw new SchemaCodecError(`layer ${this.layer} has no function ${functionName}`);
    const w = this.binary.writer();
    this.writeValue(w, type, value, 0);
    return w.finish();
  }

  decode(data: Uint8Array): TlObj {
    const r = this.binary.reader(data);
    const obj = this.readObject(r);
    if (r.remaining() !== 0) {
      throw new SchemaCodecError(`${r.remaining()} trailing bytes after ${obj._}`);
    }
    return obj;
  }

  readObject(r: TlReaderLike): TlObj {
    const at = r.offset;
    const id = r.uint();
    const def = this.byId.get(id);
    if (!def) {
      throw new SchemaCodecError(
        `layer ${this.layer} has no constructor 0x${id.toString(16).padStart(8, '0')} (offset ${at})`,
        id,
      );
    }
    return this.readBody(r, def);
  }

  writeObject(w: TlWriterLike, obj: TlObj, expectedType: string | undefined, depth = 0): void {
    let def = this.constructorsByName.get(obj._) ?? this.functionsByName.get(obj._);
    if (!def && expectedType) def = this.simplestConstructor(expectedType);
    if (!def) throw new SchemaCodecError(`layer ${this.layer} has no constructor ${obj._}`);
    w.uint(def.id);
    this.writeBody(w, def, def.name === obj._ ? obj : { _: def.name }, depth);
  }

  private readBody(r: TlReaderLike, def: Def): TlObj {
    const obj: TlObj = { _: def.name };
    const words = new Map<string, number>();
    for (const f of def.fields) {
      if (f.isFlagsWord) {
        words.set(f.name, r.uint());
        continue;
      }
      if (f.flag) {
        // Same shape as the generated readers: absent `true` flags are false, others undefined.
        const isSet = (((words.get(f.flag.field) ?? 0) >>> f.flag.bit) & 1) === 1;
        if (f.type.name === 'true') {
          obj[f.key] = isSet;
          continue;
        }
        if (!isSet) {
          obj[f.key] = undefined;
          continue;
        }
      }
      obj[f.key] = this.readValue(r, f.type);
    }
    return obj;
  }

  private isPresent(f: Field, value: unknown): boolean {
    if (value === undefined || value === null) return false;
    if (f.type.name === 'true') return value === true;
    // A value whose constructor this layer lacks is left out rather than failing the whole answer.
    if (isTlObj(value) && !this.hasConstructor(value._)) return false;
    return true;
  }

  private writeBody(w: TlWriterLike, def: Def, obj: TlObj, depth: number): void {
    let words: Map<string, number> | undefined;
    if (def.flagWords.length > 0) {
      words = new Map();
      for (const word of def.flagWords) words.set(word.name, 0);
      for (const f of def.fields) {
        if (f.flag && this.isPresent(f, obj[f.key])) {
          words.set(f.flag.field, ((words.get(f.flag.field) ?? 0) | (1 << f.flag.bit)) >>> 0);
        }
      }
    }
    for (const f of def.fields) {
      if (f.isFlagsWord) {
        w.uint(words?.get(f.name) ?? 0);
        continue;
      }
      let value = obj[f.key];
      if (f.flag) {
        const word = words?.get(f.flag.field) ?? 0;
        if (((word >>> f.flag.bit) & 1) === 0 || f.type.name === 'true') continue;
        if (!this.isPresent(f, value)) value = undefined;
      }
      this.writeValue(w, f.type, value, depth + 1);
    }
  }

  private writeValue(w: TlWriterLike, type: SchemaTypeRef, value: unknown, depth: number): void {
    const v = value === undefined || value === null ? this.defaultFor(type, depth) : value;
    switch (type.name) {
      case 'int':
      case '#':
        w.int(Number(v));
        return;
      case 'long':
        w.long(BigInt.asIntN(64, typeof v === 'bigint' ? v : BigInt(v as number)));
        return;
      case 'double':
        w.double(Number(v));
        return;
      case 'int128':
        w.int128(v as Uint8Array);
        return;
      case 'int256':
        w.int256(v as Uint8Array);
        return;
      case 'bytes':
        w.bytes(typeof v === 'string' ? new TextEncoder().encode(v) : (v as Uint8Array));
        return;
      case 'string':
        if (v instanceof Uint8Array) w.bytes(v);
        else w.string(String(v));
        return;
      case 'Bool':
        w.uint(v ? BOOL_TRUE : BOOL_FALSE);
        return;
      case 'true':
        return;
      case 'Vector':
      case 'vector': {
        if (!Array.isArray(v)) throw new SchemaCodecError(`expected an array for ${type.name}`);
        if (!type.isBare) w.uint(VECTOR_ID);
        w.int(v.length);
        const element = type.element ?? { name: 'Object', isBare: false, isGenericQuery: false };
        for (const item of v) this.writeValue(w, element, item, depth + 1);
        return;
      }
    }
    if (!isTlObj(v)) throw new SchemaCodecError(`expected a ${type.name} object`);
    if (type.isBare) {
      const def = this.constructorsByName.get(type.name) ?? this.onlyConstructorOf(type.name);
      if (!def) throw new SchemaCodecError(`no bare constructor for ${type.name}`);
      this.writeBody(w, def, v, depth);
      return;
    }
    const generic = type.isGenericQuery || type.name === 'Object' || type.name === 'X';
    this.writeObject(w, v, generic ? undefined : type.name, depth);
  }

  private readValue(r: TlReaderLike, type: SchemaTypeRef): unknown {
    switch (type.name) {
      case 'int':
      case '#':
        return r.int();
      case 'long':
        return r.long();
      case 'double':
        return r.double();
      case 'int128':
        return r.int128();
      case 'int256':
        return r.int256();
      case 'bytes':
        return r.bytes();
      case 'string':
        return this.stringsAsBytes ? r.bytes() : r.string();
      case 'Bool': {
        const id = r.uint();
        if (id === BOOL_TRUE) return true;
        if (id === BOOL_FALSE) return false;
        throw new SchemaCodecError(`expected a Bool, got 0x${id.toString(16)}`, id);
      }
      case 'Vector':
      case 'vector': {
        if (!type.isBare) {
          const id = r.uint();
          if (id !== VECTOR_ID)
            throw new SchemaCodecError(`expected a vector, got 0x${id.toString(16)}`, id);
        }
        const count = r.int();
        // Each element takes at least 4 bytes: a count beyond that is garbage, not an allocation.
        if (count < 0 || count * 4 > r.remaining()) {
          throw new SchemaCodecError(`vector length ${count} exceeds the data`);
        }
        const element = type.element ?? { name: 'Object', isBare: false, isGenericQuery: false };
        const out: unknown[] = [];
        for (let i = 0; i < count; i++) out.push(this.readValue(r, element));
        return out;
      }
    }
    if (type.isBare) {
      const def = this.constructorsByName.get(type.name) ?? this.onlyConstructorOf(type.name);
      if (!def) throw new SchemaCodecError(`no bare constructor for ${type.name}`);
      return this.readBody(r, def);
    }
    return this.readObject(r);
  }

  private onlyConstructorOf(typeName: string): Def | undefined {
    const list = this.constructorsOfType.get(typeName);
    return list?.length === 1 ? list[0] : undefined;
  }

  /** The constructor of a type with the fewest required fields: the compat fallback. */
  private simplestConstructor(typeName: string): Def | undefined {
    const list = this.constructorsOfType.get(typeName);
    if (!list || list.length === 0) return undefined;
    let best = list[0];
    const required = (d: Def): number => d.fields.filter((f) => !f.flag && !f.isFlagsWord).length;
    for (const d of list) if (required(d) < required(best)) best = d;
    return best;
  }

  private defaultFor(type: SchemaTypeRef, depth: number): unknown {
    switch (type.name) {
      case 'int':
      case '#':
      case 'double':
        return 0;
      case 'long':
        return 0n;
      case 'string':
        return '';
      case 'bytes':
        return new Uint8Array(0);
      case 'int128':
        return new Uint8Array(16);
      case 'int256':
        return new Uint8Array(32);
      case 'Bool':
      case 'true':
        return false;
      case 'Vector':
      case 'vector':
        return [];
    }
    if (depth > MAX_DEFAULT_DEPTH) {
      throw new SchemaCodecError(`cannot build a default ${type.name}: nesting too deep`);
    }
    const def = type.isBare
      ? (this.constructorsByName.get(type.name) ?? this.onlyConstructorOf(type.name))
      : this.simplestConstructor(type.name);
    if (!def) throw new SchemaCodecError(`no value and no default for type ${type.name}`);
    return { _: def.name };
  }
}
