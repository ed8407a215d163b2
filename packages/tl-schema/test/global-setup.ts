// Regenerates src/generated before the tests when it is missing or stale, so `vitest run` works
// in a fresh checkout without a separate `npm run generate`.
import { fileURLToPath } from 'node:url';
import { generate } from '../scripts/generate.node';

export default function setup(): void {
  generate(fileURLToPath(new URL('..', import.meta.url)));
}
