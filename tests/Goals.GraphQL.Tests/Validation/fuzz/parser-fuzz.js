const g = require('graphql');
let seed = Number(process.argv[3] || 1);
function rnd() { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed / 0x7fffffff; }
function pick(a) { return a[Math.floor(rnd() * a.length)]; }
const pieces = ['{', '}', '(', ')', '[', ']', ':', '=', '@', '$', '!', '|', '&', '...', '..', '.', ',', ' ', ' ', ' ', '\n', '\r\n', '\r', '\t', '#c\n',
 'query', 'mutation', 'subscription', 'fragment', 'on', 'type', 'interface', 'union', 'enum', 'input', 'scalar', 'schema', 'directive', 'extend', 'implements', 'repeatable',
 'a', 'b', 'Foo', 'true', 'false', 'null', 'FIELD', 'QUERY', 'OBJECT',
 '1', '-1', '0', '00', '1.5', '1e3', '1.', '.5', '0x', '1a', '-', '"s"', '"\\u0041"', '"\\u{1F600}"', '"\\uD83D\\uDE00"', '"\\x"', '"unterminated', '"""block"""', '"""\n  b\n  """', '"""open',
 '\uFEFF', '?', "'", '\u00e9', '\u0007'];
const valid = ['{ a }', 'query Q($a: Int = 1) @d { a(b: [1, {c: "d"}]) ...F ... on T { b } }', 'fragment F on T @d { a }', 'type T implements A & B @d { f(a: Int = 1 @x): [T!]! }', '"desc" scalar S @d', 'enum E { A B @d }', 'union U = | A | B', 'input I { a: Int = 1 }', 'directive @d(a: Int) repeatable on FIELD | QUERY', 'extend type T @d', 'schema { query: Q }', 'extend schema @d'];
const out = [];
const n = Number(process.argv[2] || 2000);
for (let i = 0; i < n; i++) {
  let s = '';
  const mode = rnd();
  if (mode < 0.5) { const k = 1 + Math.floor(rnd() * 20); for (let j = 0; j < k; j++) s += pick(pieces) + (rnd() < 0.5 ? ' ' : ''); }
  else { s = pick(valid); const pos = Math.floor(rnd() * s.length); const r = rnd(); if (r < 0.4) s = s.slice(0, pos) + s.slice(pos + 1); else if (r < 0.8) s = s.slice(0, pos) + pick(pieces) + s.slice(pos); else s = s + ' ' + pick(valid); }
  let res;
  try { res = 'PRINT ' + g.print(g.parse(s)); } catch (e) { res = 'ERROR ' + e.message + ' @ ' + (e.locations ? e.locations[0].line + ':' + e.locations[0].column : ''); }
  out.push({ src: s, res });
}
require('fs').writeFileSync(process.argv[4] || 'parser-fuzz.json', JSON.stringify(out));
console.log('written', n, out.filter(o => o.res.startsWith('PRINT')).length, 'valid');
