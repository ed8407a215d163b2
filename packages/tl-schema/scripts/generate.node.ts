// The code generator: parses schema/*.tl with the package's own parser (src/parser) and writes
// src/generated/. It skips the work when the inputs have not changed since the last run, so the
// vitest globalSetup can call it on every run without rewriting files other test runs may be
// reading.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSchema } from '../src/parser/parse';
import { emitCodec, emitLayer, emitPublic, emitTables } from './codegen/emit-codec';
import { emitTypes } from './codegen/emit-types';
import { buildModel } from './codegen/model';

export const SCHEMA_FILES = ['schema/api.tl', 'schema/mtproto.tl'];
const STAMP = '.inputs-sha256';

function inputFiles(packageDir: string): string[] {
  const inDir = (dir: string): string[] =>
    readdirSync(join(packageDir, dir))
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .map((f) => `${dir}/${f}`);
  return [
    ...SCHEMA_FILES,
    'scripts/generate.node.ts',
    ...inDir('scripts/codegen'),
    ...inDir('src/parser'),
  ].sort();
}

function inputsHash(packageDir: string): string {
  const h = createHash('sha256');
  for (const f of inputFiles(packageDir)) {
    h.update(f)
      .update('\0')
      .update(readFileSync(join(packageDir, f)))
      .update('\0');
  }
  return h.digest('hex');
}

function writeAtomically(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

export interface GenerateResult {
  isFresh: boolean;
  outDir: string;
  layer?: number;
  definitions?: number;
}

/** Regenerates `<packageDir>/src/generated` when it is missing or older than its inputs. */
export function generate(packageDir: string, options: { force?: boolean } = {}): GenerateResult {
  const outDir = join(packageDir, 'src', 'generated');
  const hash = inputsHash(packageDir);
  if (!options.force) {
    try {
      if (readFileSync(join(outDir, STAMP), 'utf8') === hash) return { isFresh: true, outDir };
    } catch {
      // missing stamp: generate
    }
  }
  const schemas = SCHEMA_FILES.map((f) =>
    parseSchema(readFileSync(join(packageDir, f), 'utf8'), f),
  );
  const model = buildModel(schemas);
  mkdirSync(outDir, { recursive: true });
  writeAtomically(join(outDir, 'types.ts'), emitTypes(model));
  for (const old of ['codec.ts', 'tables.ts', 'tables.js', 'tables.d.ts']) {
    rmSync(join(outDir, old), { force: true });
  }
  const codec = emitCodec(model);
  const tables = emitTables(model);
  writeAtomically(join(outDir, 'codec.js'), codec.js + tables.js);
  writeAtomically(join(outDir, 'codec.d.ts'), codec.dts + tables.dts);
  writeAtomically(join(outDir, 'public.ts'), emitPublic(model));
  writeAtomically(join(outDir, 'layer.ts'), emitLayer(model));
  writeAtomically(join(outDir, STAMP), hash);
  return { isFresh: false, outDir, layer: model.layer, definitions: model.definitions.length };
}
