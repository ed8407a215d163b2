// Property-based: whatever bytes reach the reader, it returns a value or throws its own TlError,
// never another exception, a hang or an out-of-bounds read.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  deserialize,
  readResult,
  serialize,
  TlError,
  type TlFunction,
  type TlObject,
  TlReader,
} from '../src/index';
import { allDefinitions, InstanceGenerator } from './support/instances';

function onlyTlErrors(run: () => unknown): void {
  try {
    run();
  } catch (e) {
    if (!(e instanceof TlError)) throw e;
  }
}

const ids = allDefinitions.map((d) => d.id);
const samples: Uint8Array[] = (() => {
  const gen = new InstanceGenerator('random', 99, 2);
  return allDefinitions
    .filter((_, i) => i % 7 === 0)
    .map((d) => serialize(gen.object(d) as unknown as TlObject));
})();

describe('fuzzing the reader', () => {
  it('random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 256 }), (data) => {
        onlyTlErrors(() => deserialize(data));
        onlyTlErrors(() => new TlReader(data).string());
      }),
      { numRuns: 2000 },
    );
  });

  it('a known constructor id followed by random bytes', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ids), fc.uint8Array({ maxLength: 512 }), (id, tail) => {
        const data = new Uint8Array(4 + tail.length);
        new DataView(data.buffer).setUint32(0, id, true);
        data.set(tail, 4);
        onlyTlErrors(() => deserialize(data));
      }),
      { numRuns: 3000 },
    );
  });

  it('mutated and truncated valid objects', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...samples),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
        fc.nat(),
        (sample, edits, cut) => {
          const data = sample.slice(0, sample.length - (cut % (sample.length + 1)));
          for (const [at, v] of edits) if (data.length) data[at % data.length] = v;
          onlyTlErrors(() => deserialize(data));
          onlyTlErrors(() => readResult({ _: 'help.getConfig' } as TlFunction, data));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('every truncation of every sample is a TlError, never a wrong object', () => {
    for (const sample of samples.slice(0, 120)) {
      for (let n = 0; n < sample.length; n += 3) {
        expect(() => deserialize(sample.subarray(0, n))).toThrow(TlError);
      }
    }
  });
});

describe('hostile nesting', () => {
  it('turns a stack overflow from absurd nesting into a TlError', () => {
    // textBold#6724abc4 text:RichText, nested 300,000 deep around textEmpty#dc3d824f.
    const depth = 300_000;
    const data = new Uint8Array(depth * 4 + 4);
    const view = new DataView(data.buffer);
    for (let i = 0; i < depth; i++) view.setUint32(i * 4, 0x6724abc4, true);
    view.setUint32(depth * 4, 0xdc3d824f, true);
    expect(() => deserialize(data)).toThrow(TlError);
    expect(() => new TlReader(data).object()).toThrow(/nested too deeply/);
    // A sane depth still reads.
    const shallow = data.subarray(depth * 4 - 40);
    expect(deserialize(shallow)).toMatchObject({ _: 'textBold' });
  });
});
