#!/usr/bin/env node
// Runs every corpus case through graphql-js (the reference implementation) and writes expectations.json.
//   node generate.mjs          regenerate expectations.json
//   node generate.mjs --check  exit 1 when expectations.json is stale (CI)
// parse() with default options, validate(schema, doc, specifiedRules), execute() only for valid documents.
import { readFileSync, writeFileSync, readdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as graphql from 'graphql';
import { buildSchema, parse, validate, execute, specifiedRules, version, GraphQLError } from 'graphql';
import { bindSchema } from './resolvers.mjs';
import { scalarCases } from './scalars.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const sdl = readFileSync(join(here, 'schema.graphql'), 'utf8');
const dataText = readFileSync(join(here, 'data.json'), 'utf8');

export function buildOracleSchema() {
  return bindSchema(buildSchema(sdl));
}

export async function loadCorpus() {
  const dir = join(here, 'corpus');
  const files = readdirSync(dir).filter((f) => f.endsWith('.mjs')).sort();
  const cases = [];
  for (const file of files) {
    const mod = await import(pathToFileURL(join(dir, file)).href);
    for (const c of mod.default) cases.push({ ...c, file });
  }
  const seen = new Set();
  for (const c of cases) {
    if (typeof c.id !== 'string' || !/^[a-z]+\.[A-Za-z0-9_.-]+$/.test(c.id)) throw new Error(`Bad case id ${c.id} in ${c.file}`);
    if (seen.has(c.id)) throw new Error(`Duplicate case id ${c.id}`);
    if (typeof c.query !== 'string') throw new Error(`Case ${c.id} has no query`);
    seen.add(c.id);
  }
  return cases;
}

function locs(error) {
  return (error.locations ?? []).map(({ line, column }) => ({ line, column }));
}

function errorJson(error) {
  const out = { message: error.message };
  if (error.locations) out.locations = locs(error);
  if (error.path) out.path = error.path;
  return out;
}

const MUST_BE_VALID = new Set(['query', 'fragment', 'directive', 'introspection', 'mutation', 'errors', 'variables', 'operation']);

async function runCase(schema, c) {
  const out = { id: c.id, category: c.id.split('.')[0], query: c.query };
  // variablesJson: the request's raw JSON text, for number forms JavaScript cannot keep apart (3.0 vs 3).
  const variables = c.variablesJson !== undefined ? JSON.parse(c.variablesJson) : c.variables;
  if (c.variablesJson !== undefined) out.variablesJson = c.variablesJson;
  if (variables !== undefined) out.variables = variables;
  if (c.operationName !== undefined) out.operationName = c.operationName;
  if (c.note) out.note = c.note;

  let document;
  try {
    document = parse(c.query);
  } catch (e) {
    if (!(e instanceof GraphQLError)) throw e;
    if (out.category !== 'syntax') throw new Error(`${c.id} does not parse: ${e.message}`);
    const [loc] = locs(e);
    out.syntaxError = { message: e.message, line: loc.line, column: loc.column };
    return out;
  }
  const errors = validate(schema, document, specifiedRules);
  if (c.rule) {
    // The case must really break the rule its id names.
    out.rule = c.rule;
    if (validate(schema, document, [graphql[c.rule]]).length === 0) throw new Error(`${c.id} does not break ${c.rule}`);
  }
  const mustBeValid = MUST_BE_VALID.has(out.category) || c.id.startsWith('validation.valid-');
  if (mustBeValid && errors.length > 0) {
    throw new Error(`${c.id} should be valid but: ${errors.map((e) => e.message).join(' | ')}`);
  }
  if (errors.length > 0) {
    out.validationErrors = errors.map((e) => ({ message: e.message, locations: locs(e) }));
    return out;
  }
  if (c.execute === false) {
    out.executed = false;
    return out;
  }
  const state = JSON.parse(dataText); // fresh copy per document: mutations never leak between cases
  const result = await execute({
    schema,
    document,
    variableValues: variables,
    operationName: c.operationName,
    contextValue: { state },
  });
  const r = {};
  if (result.errors) r.errors = result.errors.map(errorJson);
  if ('data' in result) r.data = result.data;
  out.result = r;
  return out;
}

export async function generate() {
  const schema = buildOracleSchema();
  const cases = await loadCorpus();
  const results = [];
  for (const c of cases) results.push(await runCase(schema, c));
  const counts = {};
  for (const r of results) {
    const kind = r.syntaxError ? 'syntaxError' : r.validationErrors ? 'validationErrors' : r.result ? 'executed' : 'validOnly';
    counts[r.category] ??= {};
    counts[r.category][kind] = (counts[r.category][kind] ?? 0) + 1;
  }
  const scalars = scalarCases();
  const doc = { graphqlVersion: version, total: results.length, counts, cases: results, scalars };
  // JSON.parse(JSON.stringify()) drops graphql-js's null-prototype objects' quirks and undefined values.
  return JSON.stringify(JSON.parse(JSON.stringify(doc)), null, 1) + '\n';
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const target = join(here, 'expectations.json');
  const text = await generate();
  if (process.argv.includes('--check')) {
    const current = existsSync(target) ? readFileSync(target, 'utf8') : '';
    if (current !== text) {
      console.error('expectations.json is stale: run `node tests/graphql-oracle/generate.mjs` and commit the result.');
      process.exit(1);
    }
    console.log('expectations.json is up to date.');
  } else {
    writeFileSync(target, text);
    const parsed = JSON.parse(text);
    console.log(`Wrote ${parsed.total} cases and ${parsed.scalars.length} scalar coercions with graphql ${parsed.graphqlVersion}:`);
    for (const [cat, c] of Object.entries(parsed.counts)) console.log(`  ${cat}: ${JSON.stringify(c)}`);
  }
}
