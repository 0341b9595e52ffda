// Built-in scalar coercion table (spec 3.5): what graphql-js's GraphQLInt/Float/String/Boolean/ID do with
// result values (serialize), variable values (parseValue) and literals (parseLiteral). generate.mjs puts the
// outcomes into expectations.json under "scalars"; DifferentialScalarTests checks BuiltInScalars against them.
import { GraphQLInt, GraphQLFloat, GraphQLString, GraphQLBoolean, GraphQLID, parseValue as parseLiteralText } from 'graphql';

const scalars = { Int: GraphQLInt, Float: GraphQLFloat, String: GraphQLString, Boolean: GraphQLBoolean, ID: GraphQLID };

// JSON values: a resolver's result (serialize) or a variable's JSON value (parseValue).
const values = [0, 1, -1, 42, 2147483647, 2147483648, -2147483648, -2147483649, 9007199254740993, 1e100, 2.5, -0.5, 1e-7,
  '', 'abc', '3', '3.5', '-7', ' 4 ', '1e3', 'true', true, false, [1], [], { a: 1 }];
// Literal source texts (parseLiteral); null and variables are handled before a scalar sees a literal.
const literals = ['0', '1', '-1', '2147483647', '2147483648', '-2147483649', '1.0', '2.5', '1e3', '-0.5', '"abc"', '""', '"3"',
  '"""block"""', 'true', 'false', 'FOO', '[1]', '{a: 1}'];

function outcome(fn) {
  try {
    const value = fn();
    return { value: value === undefined ? null : value };
  } catch (e) {
    return { error: e.message };
  }
}

export function scalarCases() {
  const out = [];
  for (const [name, type] of Object.entries(scalars)) {
    for (const v of values) out.push({ id: `scalar.${name}.serialize.${JSON.stringify(v)}`, scalar: name, op: 'serialize', input: v, ...outcome(() => type.serialize(v)) });
    for (const v of values) out.push({ id: `scalar.${name}.parseValue.${JSON.stringify(v)}`, scalar: name, op: 'parseValue', input: v, ...outcome(() => type.parseValue(v)) });
    for (const l of literals) out.push({ id: `scalar.${name}.parseLiteral.${l}`, scalar: name, op: 'parseLiteral', input: l, ...outcome(() => type.parseLiteral(parseLiteralText(l))) });
  }
  return out;
}
