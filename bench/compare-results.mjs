#!/usr/bin/env node
// Prints one side-by-side table from bench/graphql-js/bench.mjs --out JSON and BenchmarkDotNet's full JSON export.
//   node compare-results.mjs <graphql-js.json> <EngineBenchmarks-report-full.json> [--markdown out.md]
//   node compare-results.mjs --responses DIR   (both engines' responses to the benchmark documents must be equal)
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

// --responses DIR: are NAME.graphql-js.json and NAME.ours.json the same JSON (key order included)?
if (process.argv[2] === '--responses') {
  const dir = process.argv[3];
  let ok = true;
  for (const name of ['Introspection', 'ThreeLevel']) {
    const a = join(dir, `${name}.graphql-js.json`);
    const b = join(dir, `${name}.ours.json`);
    const same = existsSync(a) && existsSync(b) && JSON.stringify(JSON.parse(readFileSync(a, 'utf8'))) === JSON.stringify(JSON.parse(readFileSync(b, 'utf8')));
    console.log(`${name}: ${same ? 'identical responses' : 'RESPONSES DIFFER (or missing)'}`);
    ok &&= same;
  }
  process.exit(ok ? 0 : 1);
}

const [jsPath, dotnetPath] = process.argv.slice(2);
const js = JSON.parse(readFileSync(jsPath, 'utf8'));
const ours = {};
if (dotnetPath && existsSync(dotnetPath)) {
  for (const b of JSON.parse(readFileSync(dotnetPath, 'utf8')).Benchmarks ?? []) {
    ours[b.Method] = { mean: b.Statistics?.Mean ?? null, alloc: b.Memory?.BytesAllocatedPerOperation ?? null };
  }
}

const fmt = (ns) => {
  if (ns == null || Number.isNaN(ns)) return 'n/a (failed)';
  if (ns >= 1e6) return (ns / 1e6).toFixed(2) + ' ms';
  if (ns >= 1e3) return (ns / 1e3).toFixed(2) + ' µs';
  return ns.toFixed(0) + ' ns';
};
const rows = [['operation', `graphql-js ${js.version}`, 'Goals.GraphQL', 'ratio (js/ours)', 'ours alloc/op']];
for (const [op, jsNs] of Object.entries(js.results)) {
  const o = ours[op];
  const ratio = o?.mean ? (jsNs / o.mean).toFixed(2) + 'x' : 'n/a';
  const alloc = o?.alloc != null ? (o.alloc / 1024).toFixed(1) + ' KiB' : 'n/a';
  rows.push([op, fmt(jsNs), fmt(o?.mean), ratio, alloc]);
}
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
const line = (r) => '| ' + r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ') + ' |';
const table = [line(rows[0]), '|' + widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : '-'.repeat(w + 1) + ':')).join('|') + '|', ...rows.slice(1).map(line)].join('\n');
console.log(table);
console.log('\nratio > 1: Goals.GraphQL is faster. graphql-js on Node ' + js.node + ' (NODE_ENV=' + js.nodeEnv + '); means in ns/op.');
const i = process.argv.indexOf('--markdown');
if (i > 0) writeFileSync(process.argv[i + 1], table + '\n');
