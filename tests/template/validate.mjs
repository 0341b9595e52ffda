// Validates <repo>/serverless.template against the AWS SAM JSON Schema (draft-04) kept in
// <repo>/../shared/fixtures/sam-schema/. Usage: npm ci --prefix tests/template && node tests/template/validate.mjs
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv-draft-04';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const templatePath = process.env.SAM_TEMPLATE ?? resolve(repoRoot, 'serverless.template');
const schemaPath = process.env.SAM_SCHEMA ?? resolve(repoRoot, '..', 'shared', 'fixtures', 'sam-schema', 'sam.schema.json');

const readJson = (path) => JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''));

// The SAM schema carries its own annotation keywords (markdownDescription, __samPassThrough): not strict.
const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile(readJson(schemaPath));
const template = readJson(templatePath);

const checks = [
  {
    name: 'serverless.template matches the SAM schema',
    run: () => validate(template) || validate.errors,
  },
  {
    // Guards against a schema (or validator setup) that accepts anything.
    name: 'a misspelt function property is rejected',
    run: () => {
      const broken = structuredClone(template);
      broken.Resources.ApiFunction.Properties.Handlr = 'api';
      return validate(broken) ? ['the broken template was accepted'] : true;
    },
  },
];

let passed = 0;
let failed = 0;
for (const check of checks) {
  const result = check.run();
  if (result === true) {
    passed++;
    console.log(`ok   ${check.name}`);
  } else {
    failed++;
    console.log(`FAIL ${check.name}`);
    for (const error of result) {
      console.log(typeof error === 'string' ? `  ${error}` : `  ${error.instancePath || '/'} ${error.message} ${JSON.stringify(error.params)}`);
    }
  }
}

console.log(`template: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
