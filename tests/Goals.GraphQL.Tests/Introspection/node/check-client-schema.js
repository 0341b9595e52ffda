// Usage: node check-client-schema.js <introspection-result.json> <schema.graphql>
// Builds a client schema from our introspection result and compares its printed SDL with graphql-js's own
// buildSchema(sdl) printed SDL. Exit code 0 = accepted and identical.
const fs = require('fs');
const path = require('path');
const candidates = [
  path.join(__dirname, 'node_modules', 'graphql'),
  path.join(__dirname, '..', '..', '..', 'graphql-oracle', 'node_modules', 'graphql'),
];
const graphqlPath = candidates.find((p) => fs.existsSync(p));
if (!graphqlPath) {
  console.error('graphql-js not installed: run `npm ci` in ' + __dirname);
  process.exit(3);
}
const g = require(graphqlPath);
const result = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const sdl = fs.readFileSync(process.argv[3], 'utf8');
if (result.errors) {
  console.error('introspection errors: ' + JSON.stringify(result.errors));
  process.exit(1);
}
const client = g.buildClientSchema(result.data);
const errors = g.validateSchema(client);
if (errors.length) {
  console.error('client schema invalid: ' + errors.map((e) => e.message).join('; '));
  process.exit(1);
}
const expected = g.printSchema(g.buildSchema(sdl));
const actual = g.printSchema(client);
if (expected !== actual) {
  console.error('printed schemas differ\n--- expected\n' + expected + '\n--- actual\n' + actual);
  process.exit(2);
}
console.log('ok ' + g.version);
