// Timing helpers shared by the bench workers: warm-up, batch calibration, sampling.
// A worker process measures ONE case of ONE library; run.mjs interleaves the processes.
import { performance } from 'node:perf_hooks';

export const now = () => performance.now();

/** CPU time (user + system, all threads) this process has used, in ms. */
export function cpuMs() {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/**
 * The clock the compute workers time with: 'cpu' (default) counts only the CPU time the worker
 * process itself used, so load from other processes on a busy machine does not distort the
 * figures; 'wall' is elapsed time. Set with BENCH_CLOCK.
 */
export const CLOCK = process.env.BENCH_CLOCK === 'wall' ? 'wall' : 'cpu';
const clockMs = CLOCK === 'cpu' ? cpuMs : now;

/**
 * Calls `fn` (sync) in batches sized to take about `batchMs`; warms up for `warmupMs`, then takes
 * `samples` samples of about `sampleMs` each. Returns calls per second for every sample.
 */
export function rateSync(fn, { warmupMs = 200, sampleMs = 250, samples = 5 } = {}) {
  let batch = 1;
  for (;;) {
    const t = now();
    for (let i = 0; i < batch; i++) fn();
    const el = now() - t;
    if (el > 10 || batch >= 1 << 24) break;
    batch *= 2;
  }
  const warmEnd = now() + warmupMs;
  while (now() < warmEnd) for (let i = 0; i < batch; i++) fn();
  const out = [];
  for (let s = 0; s < samples; s++) {
    let n = 0;
    const t = clockMs();
    let el = 0;
    do {
      for (let i = 0; i < batch; i++) fn();
      n += batch;
      el = clockMs() - t;
    } while (el < sampleMs);
    out.push((n * 1000) / el);
  }
  return out;
}

/**
 * Milliseconds per call of an async or sync `fn`, one sample per call, after `warmup` calls.
 * On the CPU clock only for CPU-bound work (`isCpuBound`), else elapsed time.
 */
export async function msPerCall(fn, { warmup = 1, samples = 5, isCpuBound = true } = {}) {
  const clock = isCpuBound ? clockMs : now;
  for (let i = 0; i < warmup; i++) await fn();
  const out = [];
  for (let s = 0; s < samples; s++) {
    const t = clock();
    await fn();
    out.push(clock() - t);
  }
  return out;
}

/**
 * Runs `fn` (async) while a 1 ms interval timer watches the event loop; returns the call's
 * duration (on CLOCK: with 'cpu', the CPU time of all the process' threads, so work moved to the
 * thread pool still counts) and the longest gap between two timer ticks in elapsed time (the
 * longest stall the call caused).
 */
export async function withStallWatch(fn) {
  let longest = 0;
  let last = now();
  const timer = setInterval(() => {
    const t = now();
    longest = Math.max(longest, t - last);
    last = t;
  }, 1);
  // Let the timer start ticking before the call begins.
  await new Promise((resolve) => setTimeout(resolve, 5));
  last = now();
  const t = clockMs();
  await fn();
  const ms = clockMs() - t;
  // A call that never yields is one stall as long as the call itself.
  longest = Math.max(longest, now() - last);
  clearInterval(timer);
  return { ms, stallMs: longest };
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return Number.NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Median and the spread as min..max and the relative half-range around the median. */
export function summarize(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const med = median(s);
  return {
    n: s.length,
    median: med,
    min: s[0],
    max: s[s.length - 1],
    spreadPct: med ? ((s[s.length - 1] - s[0]) / 2 / med) * 100 : 0,
  };
}
