import { describe, expect, it } from 'vitest';
import {
  crc32,
  normalizeForCrc,
  parseSchema,
  TlError,
  TlSchemaCrcError,
  TlSchemaError,
} from '../src/index';
import { apiSchema, mtprotoSchema } from './support/instances';

function parseError(text: string, file = 'test.tl'): TlSchemaError {
  try {
    parseSchema(text, file);
  } catch (e) {
    expect(e).toBeInstanceOf(TlSchemaError);
    expect(e).toBeInstanceOf(TlError);
    return e as TlSchemaError;
  }
  throw new Error('expected a TlSchemaError');
}

describe('parseSchema on the bundled schemas', () => {
  it('reads the layer and every definition of api.tl', () => {
    expect(apiSchema.layer).toBe(228);
    // 1,642 constructors + boolFalse, boolTrue, true, null (the `vector` line is built in).
    expect(apiSchema.constructors).toHaveLength(1646);
    expect(apiSchema.functions).toHaveLength(807);
    expect(apiSchema.constructors.every((d) => d.hasExplicitId)).toBe(true);
  });

  it('reads mtproto.tl with its functions section', () => {
    expect(mtprotoSchema.layer).toBeUndefined();
    expect(mtprotoSchema.constructors.map((d) => d.name)).toContain('resPQ');
    expect(mtprotoSchema.functions.map((d) => d.name)).toEqual([
      'req_pq',
      'req_pq_multi',
      'req_DH_params',
      'set_client_DH_params',
      'destroy_auth_key',
      'rpc_drop_answer',
      'get_future_salts',
      'ping',
      'ping_delay_disconnect',
      'destroy_session',
    ]);
  });

  it('parses flags, flags2, true flags, vectors and generics', () => {
    const message = apiSchema.constructors.find((d) => d.name === 'message');
    const out = message?.params.find((p) => p.name === 'out');
    expect(out).toEqual({
      name: 'out',
      type: { name: 'true', isBare: true, isGenericQuery: false },
      flag: { field: 'flags', bit: 1 },
    });
    const offline = message?.params.find((p) => p.name === 'offline');
    expect(offline?.flag).toEqual({ field: 'flags2', bit: 1 });
    const entities = message?.params.find((p) => p.name === 'entities');
    expect(entities?.type).toEqual({
      name: 'Vector',
      isBare: false,
      isGenericQuery: false,
      element: { name: 'MessageEntity', isBare: false, isGenericQuery: false },
    });
    const invoke = apiSchema.functions.find((d) => d.name === 'invokeWithLayer');
    expect(invoke?.generics).toEqual([{ name: 'X', type: 'Type' }]);
    expect(invoke?.params[1]).toEqual({
      name: 'query',
      type: { name: 'X', isBare: false, isGenericQuery: true },
    });
    expect(invoke?.result).toEqual({ name: 'X', isBare: false, isGenericQuery: false });
    const salts = mtprotoSchema.constructors.find((d) => d.name === 'future_salts');
    expect(salts?.params[2].type).toEqual({
      name: 'vector',
      isBare: true,
      isGenericQuery: false,
      element: { name: 'future_salt', isBare: true, isGenericQuery: false },
    });
    const sentCode = apiSchema.constructors.find((d) => d.name === 'auth.sentCode');
    expect(sentCode?.namespace).toBe('auth');
    expect(sentCode?.result.name).toBe('auth.SentCode');
  });
});

describe('constructor ids', () => {
  it('computes CRC-32 (IEEE) like zlib', () => {
    expect(crc32('')).toBe(0);
    expect(crc32('123456789')).toBe(0xcbf43926);
  });

  // Published ids (core.telegram.org schema pages) inferred from lines written without them.
  it.each([
    [
      'resPQ nonce:int128 server_nonce:int128 pq:bytes server_public_key_fingerprints:Vector<long> = ResPQ',
      0x05162463,
    ],
    ['req_pq_multi nonce:int128 = ResPQ', 0xbe7e8ef1],
    ['msgs_ack msg_ids:Vector<long> = MsgsAck', 0x62d6b459],
    ['boolTrue = Bool', 0x997275b5],
    ['vector {t:Type} # [ t ] = Vector t', 0x1cb5c415],
    ['invokeWithLayer {X:Type} layer:int query:!X = X', 0xda9b0d0d],
    [
      'auth.sentCode flags:# type:auth.SentCodeType phone_code_hash:string next_type:flags.1?auth.CodeType timeout:flags.2?int = auth.SentCode',
      0x5e002502,
    ],
    [
      'inputMediaUploadedPhoto flags:# spoiler:flags.2?true live_photo:flags.3?true file:InputFile stickers:flags.0?Vector<InputDocument> ttl_seconds:flags.1?int video:flags.3?InputDocument = InputMedia',
      0x7d8375da,
    ],
  ])('infers %s', (line, id) => {
    expect(crc32(normalizeForCrc(line))).toBe(id);
    if (!line.includes('[')) {
      const schema = parseSchema(`${line};`);
      const def = schema.constructors[0];
      expect(def.id).toBe(id);
      expect(def.hasExplicitId).toBe(false);
    }
  });

  it('normalises bytes to string, drops brackets and true flags', () => {
    expect(
      normalizeForCrc('a#12345678 {X:Type} flags:# b:flags.0?true c:bytes d:Vector<long> = A'),
    ).toBe('a X:Type flags:# c:string d:Vector long = A');
  });

  it('rejects an id that does not match, naming the line', () => {
    const text = '// header\nboolTrue#997275b5 = Bool;\n\nboolFalse#12345678 = Bool;\n';
    const e = parseError(text, 'bad.tl');
    expect(e).toBeInstanceOf(TlSchemaCrcError);
    expect(e.file).toBe('bad.tl');
    expect(e.line).toBe(4);
    expect(e.message).toMatch(/^bad\.tl:4: /);
    expect((e as TlSchemaCrcError).declaredId).toBe(0x12345678);
    expect((e as TlSchemaCrcError).computedId).toBe(0xbc799737);
  });
});

describe('parser errors give file:line', () => {
  it.each([
    ['a#1 b = C;', 'malformed parameter'],
    ['a b:int', "not terminated by ';'"],
    ['a b:int C;', "no ' = '"],
    ['a x:flags.0?int = A;', "not an earlier '#'"],
    ['a flags:# x:flags.32?int = A;', 'over 31'],
    ['a b:Vector<int = A;', 'malformed type'],
    ['a b:!X = A;', 'not a declared generic'],
    ['a b:int b:long = A;', 'duplicate parameter'],
    ['a-b = A;', 'malformed name'],
  ])('%s', (line, why) => {
    const e = parseError(`// comment\n\n${line}\n`, 'x.tl');
    expect(e.line).toBe(3);
    expect(e.message).toContain('x.tl:3:');
    expect(e.message).toContain(why);
  });

  it('reports duplicate definitions with both lines', () => {
    const e = parseError('a = A;\nb = B;\na = A;\n');
    expect(e.line).toBe(3);
    expect(e.message).toContain('already defined on line 1');
  });
});

describe('parser syntax', () => {
  it('handles comments, sections, multi-line definitions and built-ins', () => {
    const s = parseSchema(
      [
        '// LAYER 7',
        'int ? = Int;',
        'vector#1cb5c415 {t:Type} # [ t ] = Vector t;',
        'x a:int // trailing comment',
        '  b:%Y = X;',
        'y c:vector<long> = Y;',
        '---functions---',
        'f {X:Type} q:!X = X;',
        '---types---',
        'z = Z;',
      ].join('\n'),
    );
    expect(s.layer).toBe(7);
    expect(s.constructors.map((d) => [d.name, d.line])).toEqual([
      ['x', 4],
      ['y', 6],
      ['z', 10],
    ]);
    expect(s.functions.map((d) => d.name)).toEqual(['f']);
    expect(s.constructors[0].params[1].type).toEqual({
      name: 'Y',
      isBare: true,
      isGenericQuery: false,
    });
    expect(s.constructors[0].id).toBe(crc32('x a:int b:%Y = X'));
  });
});
