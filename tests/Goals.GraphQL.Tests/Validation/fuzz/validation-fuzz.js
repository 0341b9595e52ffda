const g = require('graphql');
const fs = require('fs');
let seed = Number(process.argv[3] || 1);
function rnd() { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed / 0x7fffffff; }
function pick(a) { return a[Math.floor(rnd() * a.length)]; }
const fields = ['name', 'nickname', 'barkVolume', 'barks', 'meows', 'meowsVolume', 'furColor', 'mother', 'father', 'pets', 'relatives', 'dog', 'cat', 'pet', 'human', 'catOrDog', 'complicatedArgs', 'doesKnowCommand', 'isHouseTrained', 'isAtLocation', '__typename', 'unknown', 'intArgField', 'nonNullIntArgField', 'stringListArgField', 'complexArgField', 'oneOfArgField', 'multipleReqs', 'enumArgField', '__schema', '__type', 'types', 'fields', 'ofType', 'kind'];
const args = ['surname', 'dogCommand', 'atOtherHomes', 'x', 'y', 'intArg', 'nonNullIntArg', 'stringListArg', 'complexArg', 'oneOfArg', 'req1', 'req2', 'enumArg', 'id', 'name', 'if', 'bogus'];
const types = ['Dog', 'Cat', 'Pet', 'Human', 'CatOrDog', 'Canine', 'Mammal', 'QueryRoot', 'ComplexInput', 'String', 'FurColor', 'Nope'];
const dirs = ['include', 'skip', 'onField', 'onQuery', 'repeatable', 'withArgs', 'unknownDir', 'deprecated'];
const varTypes = ['Int', 'Int!', 'String', 'Boolean', 'Boolean!', '[String]', '[String!]!', 'ComplexInput', 'OneOfInput', 'FurColor', 'DogCommand', 'Dog', 'ID'];
let vars = [];
function value(depth) {
  const r = rnd();
  if (r < 0.12 && vars.length) return '$' + pick(vars);
  if (r < 0.17) return '$' + pick(['undef', 'v1']);
  if (r < 0.3) return String(Math.floor(rnd() * 5) - 1);
  if (r < 0.38) return '1.5';
  if (r < 0.5) return JSON.stringify(pick(['a', 'SIT', 'true']));
  if (r < 0.6) return pick(['true', 'false', 'null']);
  if (r < 0.7) return pick(['SIT', 'HEEL', 'BROWN', 'NOPE', 'sit']);
  if (r < 0.85 && depth < 2) { const n = Math.floor(rnd() * 3); const a = []; for (let i = 0; i < n; i++) a.push(value(depth + 1)); return '[' + a.join(', ') + ']'; }
  if (depth < 2) { const n = Math.floor(rnd() * 3); const a = []; for (let i = 0; i < n; i++) a.push(pick(['requiredField', 'intField', 'stringField', 'nonNullField', 'stringListField', 'bad']) + ': ' + value(depth + 1)); return '{' + a.join(', ') + '}'; }
  return '1';
}
function directives() {
  if (rnd() > 0.2) return '';
  const n = 1 + Math.floor(rnd() * 2); let s = '';
  for (let i = 0; i < n; i++) { const d = pick(dirs); s += ' @' + d + (rnd() < 0.7 ? '(' + pick(['if', 'a', 'b', 'reason']) + ': ' + value(0) + ')' : ''); }
  return s;
}
function selection(depth, fragNames) {
  const r = rnd();
  if (r < 0.1 && fragNames.length) return '...' + pick(fragNames) + directives();
  if (r < 0.17 && depth < 4) return '... ' + (rnd() < 0.7 ? 'on ' + pick(types) + ' ' : '') + directives() + selSet(depth + 1, fragNames);
  const f = pick(fields);
  let s = (rnd() < 0.25 ? pick(['a', 'b', 'name', 'x']) + ': ' : '') + f;
  if (rnd() < 0.35) { const n = 1 + Math.floor(rnd() * 2); const a = []; for (let i = 0; i < n; i++) a.push(pick(args) + ': ' + value(0)); s += '(' + a.join(', ') + ')'; }
  s += directives();
  if (rnd() < 0.45 && depth < 4) s += ' ' + selSet(depth + 1, fragNames);
  return s;
}
function selSet(depth, fragNames) {
  const n = 1 + Math.floor(rnd() * 4); const a = [];
  for (let i = 0; i < n; i++) a.push(selection(depth, fragNames));
  return '{ ' + a.join(' ') + ' }';
}
function doc() {
  const fragNames = ['F1', 'F2', 'F3'].slice(0, Math.floor(rnd() * 4));
  let s = '';
  const ops = 1 + Math.floor(rnd() * 2);
  for (let o = 0; o < ops; o++) {
    vars = [];
    const nv = Math.floor(rnd() * 3); const vd = [];
    for (let i = 0; i < nv; i++) { const v = pick(['v1', 'v2', 'v3']); vars.push(v); vd.push('$' + v + ': ' + pick(varTypes) + (rnd() < 0.2 ? ' = ' + value(0) : '')); }
    const kind = pick(['query', 'query', 'query', 'mutation', 'subscription', '']);
    if (kind === '' && !vd.length) s += selSet(0, fragNames) + '\n';
    else s += (kind || 'query') + (rnd() < 0.7 ? ' Op' + Math.floor(rnd() * 2) : '') + (vd.length ? '(' + vd.join(', ') + ')' : '') + directives() + ' ' + selSet(0, fragNames) + '\n';
  }
  for (const f of fragNames) { vars = ['v1', 'v2']; s += 'fragment ' + f + ' on ' + pick(types) + directives() + ' ' + selSet(1, fragNames) + '\n'; }
  return s;
}
const schema = g.buildSchema(fs.readFileSync(require('path').join(__dirname, 'harness.graphql'), 'utf8'));
const out = [];
const n = Number(process.argv[2] || 500);
for (let i = 0; i < n; i++) {
  const q = doc();
  let errors;
  try { errors = g.validate(schema, g.parse(q)).map(e => e.message + ' @ ' + (e.locations || []).map(l => l.line + ':' + l.column).join(',')); }
  catch (e) { errors = ['THROW ' + e.message]; }
  out.push({ query: q, errors });
}
fs.writeFileSync(process.argv[4] || 'validation-fuzz.json', JSON.stringify(out));
console.log('written', out.length);
