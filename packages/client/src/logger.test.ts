import { describe, expect, it } from 'vitest';
import { ScrubbingLogger } from './logger.js';

function capture() {
  const lines: string[] = [];
  const push = (m: string) => lines.push(m);
  return { lines, sink: { error: push, warn: push, info: push, debug: push } };
}

describe('ScrubbingLogger', () => {
  it('filters by level', () => {
    const { lines, sink } = capture();
    const logger = new ScrubbingLogger(sink, 'warn', () => []);
    logger.debug('d');
    logger.info('i');
    logger.warn('w');
    logger.error('e');
    expect(lines).toEqual(['w', 'e']);
    const silent = new ScrubbingLogger(sink, 'silent', () => []);
    silent.error('never');
    expect(lines).toEqual(['w', 'e']);
  });

  it('masks the given secrets and anything shaped like key material', () => {
    const { lines, sink } = capture();
    const logger = new ScrubbingLogger(sink, 'debug', () => ['s3cr3t-value']);
    logger.debug('hash s3cr3t-value in a line');
    logger.debug(`key ${'ab'.repeat(32)} here`);
    logger.debug(`b64 ${'A'.repeat(40)}${'z9_-'.repeat(10)} here`);
    logger.debug('DC 2 (127.0.0.1:443), user 123456789');
    expect(lines).toEqual([
      'hash [redacted] in a line',
      'key [redacted] here',
      'b64 [redacted] here',
      'DC 2 (127.0.0.1:443), user 123456789',
    ]);
  });
});
