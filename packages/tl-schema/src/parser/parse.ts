import { TlSchemaCrcError, TlSchemaError } from '../errors';
import { crc32 } from './crc32';
import type {
  TlDefinition,
  TlFlagCondition,
  TlGenericParam,
  TlParam,
  TlSchema,
  TlTypeRef,
} from './model';

const PRIMITIVES = new Set(['int', 'long', 'double', 'string', 'bytes', 'int128', 'int256', '#']);
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)?$/;
const HEAD = /^([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)?)(?:#([0-9a-fA-F]{1,8}))?$/;

interface Statement {
  text: string;
  line: number;
}

/** Splits the text into `;`-terminated statements and section markers, dropping comments. */
function* statements(text: string, file: string): Generator<Statement | 'functions' | 'types'> {
  const lines = text.split(/\r?\n/);
  let pending = '';
  let pendingLine = 0;
  for (let i = 0; i < lines.length; i++) {
    const commentAt = lines[i].indexOf('//');
    let rest = (commentAt >= 0 ? lines[i].slice(0, commentAt) : lines[i]).trim();
    while (rest.length > 0) {
      const section = /^---\s*(functions|types)\s*---/.exec(rest);
      if (section && pending === '') {
        yield section[1] as 'functions' | 'types';
        rest = rest.slice(section[0].length).trim();
        continue;
      }
      if (pending === '') pendingLine = i + 1;
      const end = rest.indexOf(';');
      if (end < 0) {
        pending += `${rest} `;
        break;
      }
      pending += rest.slice(0, end);
      yield { text: pending.replace(/\s+/g, ' ').trim(), line: pendingLine };
      pending = '';
      rest = rest.slice(end + 1).trim();
    }
  }
  if (pending.trim() !== '') {
    throw new TlSchemaError(file, pendingLine, `definition is not terminated by ';'`);
  }
}

/**
 * The line as Telegram hashes it: no id, `bytes` spelled `string`, no angle or curly brackets,
 * and no `true` flag parameters.
 */
export function normalizeForCrc(definition: string): string {
  return definition
    .replace(/^([\w.]+)#[0-9a-fA-F]+/, '$1')
    .replace(/:bytes /g, ':string ')
    .replace(/\?bytes /g, '?string ')
    .replace(/</g, ' ')
    .replace(/>/g, '')
    .replace(/[{}]/g, '')
    .replace(/ \w+:flags\d*\.\d+\?true/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

interface Context {
  file: string;
  line: number;
  generics: Set<string>;
}

function parseType(text: string, ctx: Context): TlTypeRef {
  const fail = (why: string): never => {
    throw new TlSchemaError(ctx.file, ctx.line, `malformed type '${text}': ${why}`);
  };
  if (text.startsWith('!')) {
    const name = text.slice(1);
    if (!ctx.generics.has(name)) fail(`'${name}' is not a declared generic parameter`);
    return { name, isBare: false, isGenericQuery: true };
  }
  if (text.startsWith('%')) {
    const inner = parseType(text.slice(1), ctx);
    if (inner.element || inner.isGenericQuery) fail('% applies to a plain type name');
    return { ...inner, isBare: true };
  }
  const vector = /^([Vv]ector)<(.+)>$/.exec(text);
  if (vector) {
    return {
      name: vector[1],
      isBare: vector[1] === 'vector',
      isGenericQuery: false,
      element: parseType(vector[2], ctx),
    };
  }
  if (text === '#') return { name: '#', isBare: true, isGenericQuery: false };
  if (!IDENT.test(text)) fail('not an identifier');
  if (PRIMITIVES.has(text) || text === 'true') {
    return { name: text, isBare: true, isGenericQuery: false };
  }
  if (ctx.generics.has(text)) return { name: text, isBare: false, isGenericQuery: false };
  const last = text.slice(text.lastIndexOf('.') + 1);
  // A lowercase name refers to one constructor, which the wire carries without its id.
  const isBare = last[0] === last[0].toLowerCase() && last[0] !== last[0].toUpperCase();
  return { name: text, isBare, isGenericQuery: false };
}

function parseParam(
  token: string,
  ctx: Context,
  flagFields: Set<string>,
  seen: Set<string>,
): TlParam {
  const colon = token.indexOf(':');
  const name = token.slice(0, colon);
  const typeText = token.slice(colon + 1);
  if (colon <= 0 || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || typeText === '') {
    throw new TlSchemaError(ctx.file, ctx.line, `malformed parameter '${token}'`);
  }
  if (seen.has(name)) {
    throw new TlSchemaError(ctx.file, ctx.line, `duplicate parameter '${name}'`);
  }
  seen.add(name);
  const conditional = /^([A-Za-z_][A-Za-z0-9_]*)\.(\d+)\?(.+)$/.exec(typeText);
  if (!conditional) {
    const type = parseType(typeText, ctx);
    if (type.name === '#') flagFields.add(name);
    return { name, type };
  }
  const flag: TlFlagCondition = { field: conditional[1], bit: Number(conditional[2]) };
  if (!flagFields.has(flag.field)) {
    throw new TlSchemaError(
      ctx.file,
      ctx.line,
      `parameter '${name}' depends on '${flag.field}', which is not an earlier '#' parameter`,
    );
  }
  if (flag.bit > 31) {
    throw new TlSchemaError(ctx.file, ctx.line, `flag bit ${flag.bit} of '${name}' is over 31`);
  }
  const type = parseType(conditional[3], ctx);
  if (type.name === '#') {
    throw new TlSchemaError(ctx.file, ctx.line, `flags field '${name}' cannot be conditional`);
  }
  return { name, type, flag };
}

function parseDefinition(
  stmt: Statement,
  kind: 'constructor' | 'function',
  file: string,
): TlDefinition | undefined {
  const fail = (why: string): never => {
    throw new TlSchemaError(file, stmt.line, `${why}: '${stmt.text}'`);
  };
  const eq = stmt.text.indexOf(' = ');
  if (eq < 0) fail(`malformed definition (no ' = ')`);
  const left = stmt.text.slice(0, eq).split(' ');
  const resultText = stmt.text.slice(eq + 3).trim();
  const head = HEAD.exec(left[0]);
  if (!head) fail(`malformed name '${left[0]}'`);
  const [, name, idText] = head as RegExpExecArray;
  // Built-in declarations (`vector {t:Type} # [ t ] = Vector t`, `int ? = Int`) describe the
  // primitives the runtime implements by hand; they define no constructor of their own.
  if (left.includes('?') || left.includes('[') || /\s/.test(resultText.replace(/<.*>/, ''))) {
    return undefined;
  }
  const ctx: Context = { file, line: stmt.line, generics: new Set() };
  const generics: TlGenericParam[] = [];
  const params: TlParam[] = [];
  const flagFields = new Set<string>();
  const seen = new Set<string>();
  for (const token of left.slice(1)) {
    const generic = /^\{([A-Za-z_][A-Za-z0-9_]*):([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(token);
    if (generic) {
      if (params.length > 0) fail('generic parameters must come before the others');
      generics.push({ name: generic[1], type: generic[2] });
      ctx.generics.add(generic[1]);
      continue;
    }
    params.push(parseParam(token, ctx, flagFields, seen));
  }
  const result = parseType(resultText, ctx);
  if (result.isGenericQuery || result.name === '#' || result.name === 'true') {
    if (!(result.name === 'true' && name === 'true')) fail(`invalid result type '${resultText}'`);
  }
  const computed = crc32(normalizeForCrc(stmt.text));
  const declared = idText === undefined ? undefined : Number.parseInt(idText, 16) >>> 0;
  if (declared !== undefined && declared !== computed) {
    throw new TlSchemaCrcError(file, stmt.line, name, declared, computed);
  }
  const dot = name.indexOf('.');
  return {
    kind,
    name,
    namespace: dot >= 0 ? name.slice(0, dot) : undefined,
    id: declared ?? computed,
    hasExplicitId: declared !== undefined,
    generics,
    params,
    result,
    file,
    line: stmt.line,
    source: stmt.text,
  };
}

/**
 * Parses a TL schema text (Telegram's `api.tl` / `mtproto.tl` dialect). Every explicit constructor
 * id is checked against the CRC32 of its normalised line; any problem throws a TlSchemaError (or
 * TlSchemaCrcError) naming `fileName:line`.
 */
export function parseSchema(text: string, fileName = 'schema.tl'): TlSchema {
  const schema: TlSchema = { layer: undefined, constructors: [], functions: [] };
  const layer = /^\s*\/\/\s*LAYER\s+(\d+)\s*$/m.exec(text);
  if (layer) schema.layer = Number(layer[1]);
  let section: 'constructor' | 'function' = 'constructor';
  const names = new Map<string, number>();
  for (const item of statements(text, fileName)) {
    if (item === 'functions' || item === 'types') {
      section = item === 'functions' ? 'function' : 'constructor';
      continue;
    }
    const def = parseDefinition(item, section, fileName);
    if (!def) continue;
    const key = `${def.kind}:${def.name}`;
    const earlier = names.get(key);
    if (earlier !== undefined) {
      throw new TlSchemaError(
        fileName,
        def.line,
        `${def.kind} '${def.name}' is already defined on line ${earlier}`,
      );
    }
    names.set(key, def.line);
    (def.kind === 'function' ? schema.functions : schema.constructors).push(def);
  }
  return schema;
}
