// Joins the parsed schemas into what the emitters need: definitions by name, constructors grouped
// by abstract type, and the identifiers used in generated code.
import type { TlDefinition, TlSchema, TlTypeRef } from '../../src/parser/model';

export interface CodegenModel {
  layer: number;
  definitions: TlDefinition[];
  byName: Map<string, TlDefinition>;
  /** Abstract type name -> its constructors (in schema order). */
  types: Map<string, TlDefinition[]>;
  /** Constructor (not function) by name, for bare references. */
  constructorsByName: Map<string, TlDefinition>;
}

/** Types the runtime maps to JS values directly rather than to constructor objects. */
export const MAPPED_TYPES = new Set(['Bool']);

const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends ' +
    'false finally for function if import in instanceof new null return super switch this throw ' +
    'true try typeof var void while with yield let static implements interface package private ' +
    'protected public await any boolean number string symbol never unknown object bigint undefined'
  ).split(' '),
);

/** `auth.sentCode` -> `auth_sentCode`: the suffix of generated function names. */
export function ident(name: string): string {
  return name.replace(/\./g, '_');
}

/** A TL name's last segment as a TS type identifier (reserved words get a trailing `_`). */
export function tsLocalName(name: string): string {
  const local = name.slice(name.lastIndexOf('.') + 1);
  return RESERVED.has(local) ? `${local}_` : local;
}

/** `auth.sentCode` -> `Api.auth.sentCode`. */
export function tsQualified(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? `Api.${tsLocalName(name)}` : `Api.${name.slice(0, dot)}.${tsLocalName(name)}`;
}

/** snake_case parameter name -> camelCase property name (`new_nonce_hash1` -> `newNonceHash1`). */
export function camel(name: string): string {
  return name.replace(/_([A-Za-z0-9])/g, (_, c: string) => c.toUpperCase());
}

function fail(def: TlDefinition, why: string): never {
  throw new Error(`${def.file}:${def.line}: ${why}`);
}

export function buildModel(schemas: TlSchema[]): CodegenModel {
  const layer = schemas.find((s) => s.layer !== undefined)?.layer;
  if (layer === undefined) throw new Error('no `// LAYER N` line in the schemas');
  const definitions = schemas.flatMap((s) => [...s.constructors, ...s.functions]);
  const byName = new Map<string, TlDefinition>();
  const byId = new Map<number, TlDefinition>();
  const idents = new Map<string, TlDefinition>();
  const types = new Map<string, TlDefinition[]>();
  const constructorsByName = new Map<string, TlDefinition>();
  for (const def of definitions) {
    const other = byName.get(def.name) ?? byId.get(def.id) ?? idents.get(ident(def.name));
    if (other) fail(def, `${def.name} collides with ${other.name} (${other.file}:${other.line})`);
    byName.set(def.name, def);
    byId.set(def.id, def);
    idents.set(ident(def.name), def);
    const camels = new Set<string>();
    for (const p of def.params) {
      const c = camel(p.name);
      if (camels.has(c) || c === '_') fail(def, `parameter ${p.name} collides after camelCase`);
      camels.add(c);
    }
    if (def.kind === 'constructor') {
      constructorsByName.set(def.name, def);
      const list = types.get(def.result.name) ?? [];
      list.push(def);
      types.set(def.result.name, list);
    }
  }
  const model: CodegenModel = { layer, definitions, byName, types, constructorsByName };
  for (const def of definitions) {
    for (const p of def.params) checkRef(model, def, p.type);
    if (!def.generics.some((g) => g.name === def.result.name)) checkRef(model, def, def.result);
  }
  return model;
}

const PRIMITIVE = new Set(['int', 'long', 'double', 'string', 'bytes', 'int128', 'int256', '#']);

export function isPrimitive(type: TlTypeRef): boolean {
  return PRIMITIVE.has(type.name) || type.name === 'true' || MAPPED_TYPES.has(type.name);
}

function checkRef(model: CodegenModel, def: TlDefinition, type: TlTypeRef): void {
  if (type.element) {
    checkRef(model, def, type.element);
    return;
  }
  if (isPrimitive(type) || type.isGenericQuery || def.generics.some((g) => g.name === type.name)) {
    return;
  }
  if (type.isBare) {
    bareConstructor(model, type, def);
    return;
  }
  if (!model.types.has(type.name)) fail(def, `unknown type ${type.name}`);
}

/** The single constructor a bare reference (`future_salt`, `%FutureSalt`) stands for. */
export function bareConstructor(
  model: CodegenModel,
  type: TlTypeRef,
  def: TlDefinition,
): TlDefinition {
  const direct = model.constructorsByName.get(type.name);
  if (direct) return direct;
  const ctors = model.types.get(type.name);
  if (ctors?.length === 1) return ctors[0];
  return fail(def, `bare reference to ${type.name} does not name exactly one constructor`);
}
