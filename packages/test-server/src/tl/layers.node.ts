import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseSchema, TlReader, TlWriter } from '@telets/tl-schema';
import type { BinaryFactory } from './binary.js';
import { SchemaCodec } from './schema-codec.js';

/** Layers whose schema ships in this package's schema/ folder, oldest first. */
export const SERVED_LAYERS: readonly number[] = [198, 227, 228];
/** The server's own layer (the project's schema). */
export const SERVER_LAYER = 228;

export const tlBinary: BinaryFactory = {
  reader: (data, offset) => new TlReader(data, offset),
  writer: () => new TlWriter(),
};

/** The newest layer the server has that is not above the one a client announced. */
export function resolveLayer(announced: number): number {
  let chosen = SERVED_LAYERS[0];
  for (const layer of SERVED_LAYERS) if (layer <= announced) chosen = layer;
  return chosen;
}

let schemaDir: string | undefined;

/** schema/ sits beside src/ (tests) and beside dist/ (the built package). */
function findSchemaDir(): string {
  if (schemaDir) return schemaDir;
  for (const candidate of ['../schema/', '../../schema/']) {
    const dir = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(`${dir}mtproto.tl`)) {
      schemaDir = dir;
      return dir;
    }
  }
  throw new Error('the schema/ folder of @telets/test-server is missing');
}

function readSchema(file: string): ReturnType<typeof parseSchema> {
  return parseSchema(readFileSync(`${findSchemaDir()}${file}`, 'utf8'), file);
}

const apiCodecs = new Map<number, SchemaCodec>();
let mtproto: SchemaCodec | undefined;

/** The API codec of a served layer, parsed on first use (a few tens of ms) and cached. */
export function apiCodec(layer: number): SchemaCodec {
  const resolved = resolveLayer(layer);
  let codec = apiCodecs.get(resolved);
  if (!codec) {
    codec = new SchemaCodec(resolved, [readSchema(`api-${resolved}.tl`)], tlBinary);
    apiCodecs.set(resolved, codec);
  }
  return codec;
}

/** Service messages (mtproto.tl); its `string` fields hold binary data, so they stay bytes. */
export function mtprotoCodec(): SchemaCodec {
  mtproto ??= new SchemaCodec(0, [readSchema('mtproto.tl')], tlBinary, { stringsAsBytes: true });
  return mtproto;
}
