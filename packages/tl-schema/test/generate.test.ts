import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generate } from '../scripts/generate.node';
import { constructorIdOf, isFunctionName, LAYER } from '../src/index';
import { allDefinitions, apiSchema } from './support/instances';

describe('generated code', () => {
  it('is up to date with the schema (the globalSetup regenerates it)', () => {
    const result = generate(fileURLToPath(new URL('..', import.meta.url)));
    expect(result.isFresh).toBe(true);
  });

  it('takes the layer from the schema and knows every name and id', () => {
    expect(LAYER).toBe(apiSchema.layer);
    for (const def of allDefinitions) {
      expect(constructorIdOf(def.name as never)).toBe(def.id);
      expect(isFunctionName(def.name)).toBe(def.kind === 'function');
    }
  });
});
