// Systematic matrix: every argument type of the echo fields × every literal form, and × every JSON variable form.
// Checks literal coercion (ValuesOfCorrectType messages), variable coercion (request errors) and the echoed results.
const fields = {
  Int: 'echoInt', Float: 'echoFloat', String: 'echoString', Boolean: 'echoBoolean', ID: 'echoId', Episode: 'echoEpisode',
  Date: 'echoDate', PositiveInt: 'echoPositive', '[Int]': 'echoList', '[[Int!]]': 'echoMatrix', '[String!]!': 'echoNonNullList',
};
const slug = { Int: 'int', Float: 'float', String: 'string', Boolean: 'boolean', ID: 'id', Episode: 'enum', Date: 'date',
  PositiveInt: 'positive', '[Int]': 'list', '[[Int!]]': 'matrix', '[String!]!': 'nonnull-list' };

const literals = {
  zero: '0', negative: '-1', 'int-overflow': '2147483648', float: '1.5', exponent: '1e3', string: '"str"', 'numeric-string': '"1"',
  'date-string': '"2001-02-03"', block: '"""block"""', true: 'true', null: 'null', enum: 'JEDI', list: '[1]', 'nested-list': '[[1]]',
  'empty-list': '[]', object: '{a: 1}', 'list-of-strings': '["a", "b"]',
};
const variables = {
  zero: 0, float: 1.5, string: 'str', 'enum-name': 'EMPIRE', 'date-string': '2001-02-03', true: true, null: null, list: [1],
  'nested-list': [[1, 2]], object: { a: 1 },
};

const out = [];
for (const [type, field] of Object.entries(fields)) {
  for (const [form, literal] of Object.entries(literals)) {
    out.push({ id: `coercion.matrix-${slug[type]}-${form}`, query: `{ ${field}(value: ${literal}) }` });
  }
  for (const [form, value] of Object.entries(variables)) {
    out.push({ id: `variables.matrix-${slug[type]}-${form}`, query: `query ($v: ${type}) { ${field}(value: $v) }`, variables: { v: value } });
  }
}
export default out;
