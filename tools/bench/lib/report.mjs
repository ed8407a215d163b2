// Markdown rendering of a bench report: one row per measure, each library's median (± half the
// min..max range, as % of the median), and telets' ratio to the better peer (> 1 = telets ahead).
import { LIB_LABEL, LIBS } from './cases.mjs';

export function fmt(v) {
  if (!Number.isFinite(v)) return '–';
  const a = Math.abs(v);
  if (a >= 10000) return Math.round(v).toLocaleString('en-US');
  if (a >= 100) return v.toFixed(0);
  if (a >= 10) return v.toFixed(1);
  if (a >= 1) return v.toFixed(2);
  return v.toFixed(3);
}

const isComparable = (e) => e && e.median !== undefined && e.extra?.comparable !== false;

/** telets' ratio to the better comparable peer; > 1 means telets is ahead. */
export function ratioOf(c, row) {
  const t = row.telets;
  if (!isComparable(t)) return undefined;
  const peers = (c.vs ? [c.vs] : LIBS.filter((l) => l !== 'telets'))
    .map((l) => row[l])
    .filter(isComparable);
  if (!peers.length) return undefined;
  const best = c.higherIsBetter
    ? Math.max(...peers.map((p) => p.median))
    : Math.min(...peers.map((p) => p.median));
  // Sizes per client can come out at or below zero (GC and RSS noise): no meaningful ratio then.
  if (!(best > 0) || !(t.median > 0)) return undefined;
  return c.higherIsBetter ? t.median / best : best / t.median;
}

export function verdict(c, row) {
  const t = row.telets;
  if (c.id === 'bundle-kb') {
    if (!t || t.median === undefined) return { ok: undefined, text: 'n/a' };
    const noShims =
      (t.extra?.nodeBuiltins?.length ?? 1) === 0 && (t.extra?.nodeGlobals?.length ?? 1) === 0;
    const ok = t.median <= 150 && noShims;
    return {
      ok,
      text: ok
        ? 'met'
        : `**missed** (${t.median > 150 ? '> 150 KB' : ''}${t.median > 150 && !noShims ? ', ' : ''}${noShims ? '' : 'needs Node shims'})`,
    };
  }
  const r = ratioOf(c, row);
  if (r === undefined) return { ok: undefined, text: 'n/a' };
  return r >= c.target ? { ok: true, text: 'met' } : { ok: false, text: '**missed**' };
}

function cell(e, marks) {
  if (!e) return 'n/a';
  if (e.median === undefined)
    return `n/a (${String(e.error ?? '')
      .replace(/^n\/a:\s*/, '')
      .replace(/\|/g, '/')
      .slice(0, 120)})`;
  let s = `${fmt(e.median)}${e.n > 1 ? ` ±${e.spreadPct.toFixed(0)}%` : ''}`;
  if (e.note) {
    marks.push(e.note);
    s += ` [${marks.length}]`;
  }
  return s;
}

export function renderMarkdown(report) {
  const { summary, cases } = report;
  const lines = [];
  const v = report.versions;
  lines.push('# telets vs GramJS vs mtcute — one run, same machine');
  lines.push('');
  lines.push(
    `${report.date} · mode **${report.mode}**${report.only ? ` (only ${report.only.join(', ')})` : ''} · Node ${report.machine.node} · ${report.machine.cpus} × ${report.machine.cpu} · load average before/after ${report.machine.loadavgBefore.map((x) => x.toFixed(1)).join(' ')} / ${report.machine.loadavgAfter.map((x) => x.toFixed(1)).join(' ')} · ${report.durationS.toFixed(0)} s`,
  );
  lines.push('');
  const load = Math.max(...report.machine.loadavgBefore, ...report.machine.loadavgAfter);
  if (load > report.machine.cpus) {
    lines.push(
      `> **Busy machine:** the load average reached ${load.toFixed(1)} on ${report.machine.cpus} CPUs during this run, so other processes competed for the CPUs. Crypto and TL rows are timed on the worker's own CPU time, which keeps them comparable, but the network, session and import rows are elapsed time and noisy; read ratios near a target with the spread in mind.`,
    );
    lines.push('');
  }
  lines.push(
    `Versions: telets ${v.telets ?? '?'} (layer ${report.layers.telets ?? '?'}), GramJS \`telegram\` ${v.gramjs ?? '?'} (layer ${report.layers.gramjs ?? '?'}), mtcute \`@mtcute/node\` ${v.mtcute ?? '?'} (layer ${report.layers.mtcute ?? '?'}).`,
  );
  lines.push('');
  lines.push(
    'Each figure is the median over fresh processes and samples, ± half its min–max range as a % of the median. **ratio** = how many times better telets is than the better peer (> 1: telets ahead; for times and sizes it is peer ÷ telets).',
  );
  lines.push('');
  lines.push(
    `| measure | unit | ${LIBS.map((l) => LIB_LABEL[l]).join(' | ')} | ratio | target | |`,
  );
  lines.push('|---|---|---:|---:|---:|---:|---|---|');
  const marks = [];
  const missed = [];
  let group;
  for (const c of cases) {
    const row = summary[c.id] ?? {};
    if (c.group !== group) {
      group = c.group;
    }
    const r = ratioOf(c, row);
    const ver = verdict(c, row);
    if (ver.ok === false) missed.push(c);
    const target = c.targetNote ?? `≥ ${c.target}×`;
    const unit = `${c.unit}${c.higherIsBetter ? ' ↑' : ' ↓'}`;
    lines.push(
      `| ${c.label} | ${unit} | ${LIBS.map((l) => cell(row[l], marks)).join(' | ')} | ${r === undefined ? '–' : `${r.toFixed(2)}×`} | ${target} | ${ver.text} |`,
    );
  }
  lines.push('');
  lines.push('↑ higher is better, ↓ lower is better.');
  lines.push('');
  if (marks.length) {
    lines.push('Notes:');
    lines.push('');
    for (const [i, m] of marks.entries()) lines.push(`${i + 1}. ${m}`);
    lines.push('');
  }
  lines.push(
    `Targets missed in this run: ${missed.length ? missed.map((c) => c.label).join('; ') : 'none'}.`,
  );
  lines.push('');
  lines.push(
    'How each row is measured: see tools/bench/README.md. Raw samples: tools/bench/results/latest.json.',
  );
  lines.push('');
  return lines.join('\n');
}
