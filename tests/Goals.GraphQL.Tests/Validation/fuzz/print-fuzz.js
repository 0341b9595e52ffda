const g = require('graphql');
let seed = Number(process.argv[3] || 1);
function rnd() { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed / 0x7fffffff; }
function pick(a) { return a[Math.floor(rnd() * a.length)]; }
const strs = ['"s"', '"""block"""', '"""\n  multi\n    line\n  """', '""" lead"""', '"""trail\\""""', '"quote\\" \\n"', '"""a\n\n  b"""', '"""x"""'];
function value(d) { const r = rnd(); if (r < 0.3) return pick(strs); if (r < 0.45) return '123'; if (r < 0.55 && d < 3) return '[' + [value(d+1), value(d+1)].join(', ') + ']'; if (r < 0.7 && d < 3) return '{a: ' + value(d+1) + ', b: ' + value(d+1) + '}'; if (r < 0.8) return '$v'; return pick(['true', 'null', 'ENUM']); }
function args() { const n = Math.floor(rnd() * 4); const a = []; for (let i = 0; i < n; i++) a.push(pick(['a', 'argumentNumber', 'somewhatLongArgumentName']) + ': ' + value(0)); return a.length ? '(' + a.join(', ') + ')' : ''; }
function dirs() { return rnd() < 0.3 ? ' @d' + args() : ''; }
function sel(d) { const r = rnd(); if (r < 0.1) return '...F' + dirs(); if (r < 0.2 && d < 5) return '... on T' + dirs() + ' ' + set(d+1); return (rnd() < 0.3 ? 'al: ' : '') + pick(['f', 'someLongFieldName']) + args() + dirs() + (rnd() < 0.4 && d < 5 ? ' ' + set(d+1) : ''); }
function set(d) { const n = 1 + Math.floor(rnd() * 3); const a = []; for (let i = 0; i < n; i++) a.push(sel(d)); return '{ ' + a.join(' ') + ' }'; }
function desc() { return rnd() < 0.5 ? pick(strs) + ' ' : ''; }
function argDefs() { const n = Math.floor(rnd() * 3); const a = []; for (let i = 0; i < n; i++) a.push(desc() + 'x' + i + ': [Int!]' + (rnd() < 0.5 ? ' = ' + value(1).replace('$v', '1') : '') + dirs().replace('$v','1')); return a.length ? '(' + a.join(' ') + ')' : ''; }
function doc() {
  const parts = [];
  const n = 1 + Math.floor(rnd() * 3);
  for (let i = 0; i < n; i++) {
    const k = rnd();
    if (k < 0.3) parts.push(desc() + 'query Q' + i + (rnd() < 0.5 ? '(' + desc() + '$v: Int = 1, $w: [S!]!)' : '') + dirs() + ' ' + set(0));
    else if (k < 0.4) parts.push(set(0));
    else if (k < 0.5) parts.push(desc() + 'fragment F on T' + dirs() + ' ' + set(1));
    else if (k < 0.7) parts.push(desc() + 'type T' + i + ' implements A & B' + dirs().replace(/\$v/g,'1') + ' { ' + desc() + 'f' + argDefs() + ': T ' + desc() + 'g: [T!]! }');
    else if (k < 0.8) parts.push(desc() + 'enum E { ' + desc() + 'A ' + desc() + 'B @d }');
    else if (k < 0.9) parts.push(desc() + 'directive @x' + argDefs() + ' repeatable on FIELD | QUERY');
    else parts.push(desc() + 'input I { ' + desc() + 'a: Int = ' + value(0).replace(/\$v/g, '1') + ' }');
  }
  return parts.join('\n');
}
const out = [];
const n = Number(process.argv[2] || 3000);
let valid = 0;
for (let i = 0; i < n; i++) {
  const s = doc();
  let res;
  try { res = 'PRINT ' + g.print(g.parse(s)); valid++; } catch (e) { res = 'ERROR ' + e.message + ' @ ' + (e.locations ? e.locations[0].line + ':' + e.locations[0].column : ''); }
  out.push({ src: s, res });
}
require('fs').writeFileSync(process.argv[4] || 'print-fuzz.json', JSON.stringify(out));
console.log('written', n, valid, 'valid');
