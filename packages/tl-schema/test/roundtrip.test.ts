// Every constructor and function of both schemas, built by the schema-driven instance generator,
// must survive serialize -> deserialize -> serialize byte for byte and come back equal.
import { describe, expect, it } from 'vitest';
import {
  constructorIdOf,
  deserialize,
  serialize,
  type TlObject,
  TlReader,
  TlWriter,
} from '../src/index';
import { allDefinitions, InstanceGenerator, type Mode } from './support/instances';

function roundTrip(obj: Record<string, unknown>): void {
  const bytes = serialize(obj as unknown as TlObject);
  const back = deserialize(bytes);
  expect(back).toEqual(obj);
  expect(serialize(back)).toEqual(bytes);
  // The same through the reader/writer classes.
  const w = new TlWriter(8).int(7).object(obj as unknown as TlObject);
  const r = new TlReader(w.finish());
  expect(r.int()).toBe(7);
  expect(r.object()).toEqual(obj);
  expect(r.remaining()).toBe(0);
}

describe('round trip of every definition', () => {
  it('covers both schemas, with long vectors and strings over 254 bytes', () => {
    expect(allDefinitions.length).toBe(2499);
    const ack = allDefinitions.find((d) => d.name === 'msgs_ack');
    const sendMessage = allDefinitions.find((d) => d.name === 'messages.sendMessage');
    if (!ack || !sendMessage) throw new Error('missing definitions');
    const gen = new InstanceGenerator('all', 1);
    expect((gen.object(ack).msgIds as bigint[]).length).toBe(300);
    const text = gen.object(sendMessage).message as string;
    expect(new TextEncoder().encode(text).length).toBeGreaterThan(254);
  });

  const modes: [Mode, number][] = [
    ['all', 1],
    ['none', 1],
    ['random', 11],
    ['random', 12],
  ];
  for (const [mode, seed] of modes) {
    it(`${mode} flags (seed ${seed})`, () => {
      const gen = new InstanceGenerator(mode, seed);
      let count = 0;
      for (const def of allDefinitions) {
        const obj = gen.object(def);
        try {
          roundTrip(obj);
        } catch (e) {
          throw new Error(`${def.name} (${def.file}:${def.line}): ${(e as Error).message}`);
        }
        expect(constructorIdOf(obj as unknown as TlObject)).toBe(def.id);
        count++;
      }
      expect(count).toBe(allDefinitions.length);
    });
  }
});
