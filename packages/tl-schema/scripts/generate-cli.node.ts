// Entry of `npm run generate` (bundled by esbuild, run by plain node from the package directory).
import { generate } from './generate.node';

const started = Date.now();
const force = process.argv.includes('--force');
const result = generate(process.cwd(), { force });
console.log(
  result.isFresh
    ? `tl-schema: ${result.outDir} is up to date`
    : `tl-schema: generated layer ${result.layer} (${result.definitions} definitions) in ${Date.now() - started} ms`,
);
