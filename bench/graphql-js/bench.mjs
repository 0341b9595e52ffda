#!/usr/bin/env node
// Times graphql-js (the reference implementation) on the documents and data of bench/Goals.Benchmarks.
//   node bench.mjs [--out results.json] [--seconds 2]   mean ns/op per operation (process.hrtime.bigint)
//   node bench.mjs --write-introspection                 rewrite ../documents/introspection.graphql
//   node bench.mjs --dump DIR                            write each document's response to DIR/NAME.graphql-js.json
// Run with NODE_ENV=production (as run-engine-bench.sh does): graphql-js skips its development-only checks then.
// Each operation: warm-up (>= 1 s and >= 20 calls), then timed batches until --seconds have elapsed.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema, parse, validate, execute, getIntrospectionQuery, version } from 'graphql';

const here = dirname(fileURLToPath(import.meta.url));
const docs = join(here, '..', 'documents');
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};

if (args.includes('--write-introspection')) {
  writeFileSync(join(docs, 'introspection.graphql'), getIntrospectionQuery() + '\n');
  console.log('wrote documents/introspection.graphql');
  process.exit(0);
}

/** Same rule as BenchData.cs: 100 parents x 10 children x 5 grandchildren. */
export function buildData() {
  const parents = [];
  for (let i = 0; i < 100; i++) {
    const children = [];
    for (let j = 0; j < 10; j++) {
      const grandchildren = [];
      for (let k = 0; k < 5; k++) {
        grandchildren.push({
          id: `p${i}c${j}g${k}`, name: `Grandchild ${k}`, level: 'GRANDCHILD', score: (i + j + k) / 2, tags: ['t' + k, 'even'],
        });
      }
      children.push({ id: `p${i}c${j}`, name: `Child ${j}`, level: 'CHILD', value: i * 10 + j, grandchildren });
    }
    parents.push({ id: `p${i}`, name: `Parent ${i}`, level: 'PARENT', children });
  }
  return { parents };
}

const schema = buildSchema(readFileSync(join(docs, 'schema.graphql'), 'utf8'));
const data = buildData();
schema.getQueryType().getFields().parents.resolve = () => data.parents;
for (const name of ['TreeNode', 'AnyNode']) {
  schema.getType(name).resolveType = (v) => (v.level === 'PARENT' ? 'Parent' : v.level === 'CHILD' ? 'Child' : 'Grandchild');
}

const documents = {
  Introspection: readFileSync(join(docs, 'introspection.graphql'), 'utf8'),
  ThreeLevel: readFileSync(join(docs, 'three-level.graphql'), 'utf8'),
};
const parsed = Object.fromEntries(Object.entries(documents).map(([k, v]) => [k, parse(v)]));
for (const [k, d] of Object.entries(parsed)) {
  const errors = validate(schema, d);
  if (errors.length) throw new Error(`${k} is invalid: ${errors[0].message}`);
  const r = execute({ schema, document: d });
  if (r.errors || typeof r.then === 'function') throw new Error(`${k} did not execute synchronously without errors`);
}

const dumpDir = opt('--dump');
if (dumpDir) {
  for (const [k, d] of Object.entries(parsed)) {
    writeFileSync(join(dumpDir, `${k}.graphql-js.json`), JSON.stringify(execute({ schema, document: d })));
  }
  console.log(`wrote ${Object.keys(parsed).length} responses to ${dumpDir}`);
  process.exit(0);
}

const operations = {};
for (const name of Object.keys(documents)) {
  operations[`Parse_${name}`] = () => parse(documents[name]);
  operations[`Validate_${name}`] = () => validate(schema, parsed[name]);
  operations[`Execute_${name}`] = () => execute({ schema, document: parsed[name] });
  operations[`ExecuteAndSerialize_${name}`] = () => JSON.stringify(execute({ schema, document: parsed[name] }));
}

const seconds = Number(opt('--seconds', '2'));
let sink = 0;
function measure(fn) {
  const warmEnd = process.hrtime.bigint() + 1_000_000_000n;
  for (let n = 0; n < 20 || process.hrtime.bigint() < warmEnd; n++) sink ^= fn() ? 1 : 0;
  const budget = BigInt(Math.round(seconds * 1e9));
  let batch = 1;
  let iterations = 0;
  let elapsed = 0n;
  while (elapsed < budget) {
    const start = process.hrtime.bigint();
    for (let n = 0; n < batch; n++) sink ^= fn() ? 1 : 0;
    elapsed += process.hrtime.bigint() - start;
    iterations += batch;
    if (batch < 1 << 20) batch *= 2;
  }
  return Number(elapsed) / iterations;
}

const results = {};
for (const [name, fn] of Object.entries(operations)) {
  results[name] = measure(fn);
  console.log(`${name.padEnd(36)} ${results[name].toFixed(0).padStart(14)} ns/op`);
}
const out = opt('--out');
if (out) writeFileSync(out, JSON.stringify({ engine: 'graphql-js', version, node: process.version, nodeEnv: process.env.NODE_ENV ?? null, unit: 'ns/op', results }, null, 2) + '\n');
if (sink === 42) console.log('');
