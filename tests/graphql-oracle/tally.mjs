#!/usr/bin/env node
// Tallies a differential run by case category and failed aspect.
//   dotnet test tests/Goals.GraphQL.Tests --filter "FullyQualifiedName~Differential" --logger "trx;LogFileName=$PWD/diff.trx"
//   node tests/graphql-oracle/tally.mjs diff.trx [--examples 5]
import { readFileSync } from 'node:fs';

const [file] = process.argv.slice(2);
const n = Number(process.argv[process.argv.indexOf('--examples') + 1]) || 4;
const xml = readFileSync(file, 'utf8');
const unescape = (s) => s.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
const stats = {};
const examples = {};
for (const chunk of xml.split('<UnitTestResult ').slice(1)) {
  const end = chunk.indexOf('</UnitTestResult>');
  const body = end >= 0 ? chunk.slice(0, end) : chunk.slice(0, chunk.indexOf('>') + 1);
  const name = unescape(/testName="([^"]*)"/.exec(body)?.[1] ?? '');
  const outcome = /outcome="(\w+)"/.exec(body)?.[1];
  const id = /id: "([^"]+)"/.exec(name)?.[1];
  if (!id) continue;
  const category = id.split('.')[0];
  stats[category] ??= { total: 0, passed: 0 };
  stats[category].total++;
  if (outcome === 'Passed') { stats[category].passed++; continue; }
  const message = unescape(/<Message>([\s\S]*?)<\/Message>/.exec(body)?.[1] ?? '');
  let aspects = [...message.matchAll(/^\[([a-z-]+)\]/gm)].map((a) => a[1]);
  if (aspects.length === 0) aspects = ['threw ' + (/(\w+(?:Exception|Error))/.exec(message)?.[1] ?? 'something')];
  for (const a of new Set(aspects)) {
    stats[category][a] = (stats[category][a] ?? 0) + 1;
    (examples[`${category} ${a}`] ??= []).length < n && examples[`${category} ${a}`].push(id);
  }
}
let total = 0, passed = 0;
for (const [c, s] of Object.entries(stats).sort()) {
  total += s.total; passed += s.passed;
  const { total: t, passed: p, ...failed } = s;
  console.log(`${c.padEnd(14)} ${String(p).padStart(4)}/${String(t).padEnd(4)} ${Object.entries(failed).map(([k, v]) => `${k}: ${v}`).join(', ')}`);
}
console.log(`${'all'.padEnd(14)} ${String(passed).padStart(4)}/${total}`);
console.log('\nexamples:');
for (const [k, ids] of Object.entries(examples).sort()) console.log(`  ${k}: ${ids.join(' ')}`);
