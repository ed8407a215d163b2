// Types for the parts of measure.mjs the harness tests use.
export function median(xs: readonly number[]): number;
export function summarize(samples: readonly number[]): {
  n: number;
  median: number;
  min: number;
  max: number;
  spreadPct: number;
};
