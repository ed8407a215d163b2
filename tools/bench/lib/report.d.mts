// Types for the parts of report.mjs the harness tests use.
export interface BenchCase {
  id: string;
  higherIsBetter: boolean;
  target: number;
  vs?: string;
}
export interface Entry {
  median?: number;
  error?: string;
  extra?: { comparable?: boolean; nodeBuiltins?: string[]; nodeGlobals?: string[] };
}
export type Row = Partial<Record<'telets' | 'gramjs' | 'mtcute', Entry>>;
export function fmt(v: number): string;
export function ratioOf(c: BenchCase, row: Row): number | undefined;
export function verdict(c: BenchCase, row: Row): { ok: boolean | undefined; text: string };
