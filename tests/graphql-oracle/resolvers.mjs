// Resolvers of the differential-test schema for graphql-js.
// tests/Goals.GraphQL.Tests/Differential/OracleSchema.cs mirrors every function here EXACTLY:
// change both together and regenerate expectations.json.
// Rules: pure functions over the per-request `state` (a fresh deep copy of data.json per case),
// no dates, no randomness, errors thrown as plain Error/TypeError with fixed messages.
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const DATE_RE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
const INT_MAX = 2147483647;

export const DateScalarConfig = {
  serialize(value) {
    if (typeof value === 'string' && DATE_RE.test(value)) return value;
    throw new TypeError('Date cannot serialize a non-date value.');
  },
  parseValue(value) {
    if (typeof value === 'string' && DATE_RE.test(value)) return value;
    throw new TypeError('Date must be a string in YYYY-MM-DD form.');
  },
  parseLiteral(ast) {
    if (ast.kind === Kind.STRING && DATE_RE.test(ast.value)) return ast.value;
    throw new TypeError('Date must be a string in YYYY-MM-DD form.');
  },
};

function isPositiveInt(value) {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 && value <= INT_MAX;
}

// Date rejects input with a plain TypeError (graphql-js prefixes 'Expected type "Date". ' / 'Expected value of type
// "Date", found ...; '), PositiveInt with a GraphQLError (message used as is): the two error paths of a custom scalar.
// C# mirror: FormatException for the first, GraphQLException for the second.
export const PositiveIntScalarConfig = {
  serialize(value) {
    if (isPositiveInt(value)) return value;
    throw new TypeError('PositiveInt cannot represent a non-positive value.');
  },
  parseValue(value) {
    if (isPositiveInt(value)) return value;
    throw new GraphQLError('PositiveInt must be a positive integer.');
  },
  parseLiteral(ast) {
    if (ast.kind === Kind.INT) {
      const n = Number(ast.value);
      if (isPositiveInt(n)) return n;
    }
    throw new GraphQLError('PositiveInt must be a positive integer.');
  },
};

/** Deterministic text of a coerced input value: object keys sorted (ordinal), absent fields omitted. */
export function canonical(value) {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return '[' + value.map(canonical).join(',') + ']';
  switch (typeof value) {
    case 'string': return quote(value);
    case 'number': return String(value);
    case 'boolean': return value ? 'true' : 'false';
    case 'object':
      return '{' + Object.keys(value).sort().map((k) => k + ':' + canonical(value[k])).join(',') + '}';
    default: throw new Error('canonical: unexpected ' + typeof value);
  }
}

function quote(s) {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0);
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (c < 0x20) out += '\\u' + c.toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + '"';
}

/** The runtime type of a record: by the first digit of its id. */
export function typeOf(record) {
  switch (record.id[0]) {
    case '1': return 'Human';
    case '2': return 'Droid';
    case '3': return 'Starship';
    case '4': return 'Review';
    default: return null;
  }
}

const humanById = (s, id) => s.humans.find((h) => h.id === id) ?? null;
const droidById = (s, id) => s.droids.find((d) => d.id === id) ?? null;
const starshipById = (s, id) => s.starships.find((x) => x.id === id) ?? null;
const charById = (s, id) => humanById(s, id) ?? droidById(s, id);
const nodeById = (s, id) => charById(s, id) ?? starshipById(s, id);

function friendsConnection(src, args, s) {
  const all = src.friendIds;
  const first = args.first ?? null;
  const after = args.after ?? null;
  if (first !== null && first < 0) throw new Error('first must not be negative.');
  let start = 0;
  if (after !== null) {
    const i = all.indexOf(after);
    if (i < 0) throw new Error(`Unknown cursor "${after}".`);
    start = i + 1;
  }
  const slice = first === null ? all.slice(start) : all.slice(start, start + first);
  return {
    totalCount: all.length,
    edges: slice.map((id) => ({ cursor: id, node: charById(s, id) })),
    pageInfo: {
      startCursor: slice.length > 0 ? slice[0] : null,
      endCursor: slice.length > 0 ? slice[slice.length - 1] : null,
      hasNextPage: start + slice.length < all.length,
    },
  };
}

const FEET_PER_METER = 3.28084;

function roundTo(value, precision) {
  const factor = 10 ** precision;
  return Math.floor(value * factor + 0.5) / factor;
}

function range(n) {
  const out = [];
  for (let i = 0; i < n; i++) out.push(i);
  return out;
}

const characterFields = {
  friends: (src, _a, { state }) => src.friendIds.map((id) => charById(state, id)),
  friendsConnection: (src, args, { state }) => friendsConnection(src, args, state),
};

/** resolvers[type][field](source, args, context) ; fields not listed use graphql-js's default resolver (source[field]). */
export const resolvers = {
  Query: {
    hero: (_s, args, { state }) =>
      charById(state, args.episode == null ? state.defaultHero : state.heroes[args.episode]),
    human: (_s, args, { state }) => humanById(state, args.id),
    droid: (_s, args, { state }) => droidById(state, args.id),
    character: (_s, args, { state }) => charById(state, args.id),
    node: (_s, args, { state }) => nodeById(state, args.id),
    characters: (_s, args, { state }) => args.ids.map((id) => charById(state, id)),
    findCharacter: (_s, args, { state }) => {
      const by = args.by;
      if (by.id !== undefined) return charById(state, by.id);
      return state.humans.find((h) => h.name === by.name) ?? state.droids.find((d) => d.name === by.name) ?? null;
    },
    humans: (_s, _a, { state }) => state.humans,
    droids: (_s, _a, { state }) => state.droids,
    starship: (_s, args, { state }) => starshipById(state, args.id),
    starships: (_s, _a, { state }) => state.starships,
    vehicle: (_s, args, { state }) => starshipById(state, args.id),
    search: (_s, args, { state }) => {
      const limit = args.limit ?? null;
      if (limit !== null && limit < 0) throw new Error('limit must not be negative.');
      const text = args.text.toLowerCase();
      const all = [...state.humans, ...state.droids, ...state.starships].filter((r) => r.name.toLowerCase().includes(text));
      return limit === null ? all : all.slice(0, limit);
    },
    reviews: (_s, args, { state }) => state.reviews.filter((r) => r.episode === args.episode),
    greet: (_s, args) => 'Hello, ' + (args.name === null ? 'nobody' : args.name) + args.punctuation,
    echoInt: (_s, args) => args.value,
    echoFloat: (_s, args) => args.value,
    echoString: (_s, args) => args.value,
    echoBoolean: (_s, args) => args.value,
    echoId: (_s, args) => args.value,
    echoEpisode: (_s, args) => args.value,
    echoDate: (_s, args) => args.value,
    echoPositive: (_s, args) => args.value,
    echoList: (_s, args) => args.value,
    echoNonNullList: (_s, args) => args.value,
    echoMatrix: (_s, args) => args.value,
    echoFilter: (_s, args) => ('filter' in args ? canonical(args.filter) : 'absent'),
    echoSelector: (_s, args) => ('by' in args ? canonical(args.by) : 'absent'),
    matrix: (_s, args) => {
      const rows = args.rows ?? null;
      const cols = args.cols ?? null;
      if (rows === null || cols === null) return null;
      return range(rows).map((r) => range(cols).map((c) => r * cols + c));
    },
    items: (_s, args) => (args.count == null ? null : range(args.count).map((i) => ({ index: i }))),
    strictItems: (_s, args) => (args.count == null ? null : range(args.count).map((i) => ({ index: i }))),
    badInts: () => [1, 2.5, 3, 'four', 3000000000],
    badEnums: () => ['JEDI', 'PHANTOM', 3, 'HOLIDAY', 'jedi'],
    badDates: () => ['2020-01-01', 'soon', 20200101],
    badStrings: () => ['x', 5, true, 1.5, { a: 1 }, [1]],
    badBooleans: () => [true, 0, 1, 'true', 2.5],
    badIds: () => ['a', 7, 7.5, true, 3000000000],
    badFloats: () => [1, 1.5, '2.5', 'x', true, false],
    errorValue: () => new Error('The value is an error.'),
    errorValues: () => ['a', new Error('Item 1 is an error.'), 'c'],
    stringAsList: () => 'abc',
    objectAsList: () => ({ a: 1 }),
    stringAsObject: () => 'Luke',
    badSearch: (_s, _a, { state }) => [humanById(state, '1000'), { id: '9000', name: 'Mystery' }, { id: '4000', name: 'A review' }],
    failing: () => { throw new Error('failing always fails.'); },
    failingNonNull: () => { throw new Error('failingNonNull always fails.'); },
    nullNonNull: () => null,
    deprecatedField: () => 'still here',
    counter: (_s, _a, { state }) => state.counter,
  },
  Human: {
    ...characterFields,
    height: (src, args) => {
      if (src.height === null) return null;
      let h = src.height;
      if (args.unit === 'FOOT') h = h * FEET_PER_METER;
      if (args.precision != null) h = roundTo(h, args.precision);
      return h;
    },
    starships: (src, _a, { state }) => src.starshipIds.map((id) => starshipById(state, id)),
    secretBackstory: () => { throw new Error('secretBackstory is secret.'); },
    requiredSecret: () => { throw new Error('requiredSecret is secret.'); },
  },
  Droid: {
    ...characterFields,
    owner: (src, _a, { state }) => (src.ownerId === null ? null : humanById(state, src.ownerId)),
  },
  Starship: {
    length: (src, args) => (args.unit === 'FOOT' ? src.length * FEET_PER_METER : src.length),
    pilots: (src, _a, { state }) => (src.pilotIds === null ? null : src.pilotIds.map((id) => charById(state, id))),
  },
  Item: {
    value: (src) => {
      if (src.index % 2 === 1) throw new Error(`Item ${src.index} has no value.`);
      return 'value-' + src.index;
    },
    strict: (src) => {
      if (src.index === 2) throw new Error('Item 2 is strict.');
      return src.index;
    },
  },
  Mutation: {
    createReview: (_s, args, { state }) => {
      const review = {
        episode: args.episode,
        stars: args.review.stars,
        commentary: args.review.commentary ?? null,
        tags: args.review.tags ?? null,
      };
      state.reviews.push(review);
      return review;
    },
    addFriend: (_s, args, { state }) => {
      const c = charById(state, args.characterId);
      if (c === null) throw new Error(`No character with id "${args.characterId}".`);
      const f = charById(state, args.friendId);
      if (f === null) throw new Error(`No character with id "${args.friendId}".`);
      if (!c.friendIds.includes(args.friendId)) c.friendIds.push(args.friendId);
      return c;
    },
    rename: (_s, args, { state }) => {
      if (args.name === '') throw new Error('Name must not be empty.');
      const c = charById(state, args.id);
      if (c === null) return null;
      c.name = args.name;
      return c;
    },
    incrementCounter: (_s, args, { state }) => {
      state.counter += args.by ?? 0;
      return state.counter;
    },
    failNonNull: () => { throw new Error('failNonNull always fails.'); },
  },
  Subscription: {
    reviewAdded: () => null,
    counterChanged: (_s, _a, { state }) => state.counter,
  },
};

/** Installs resolvers, type resolvers and scalars on a schema built by buildSchema. */
export function bindSchema(schema) {
  for (const [typeName, fields] of Object.entries(resolvers)) {
    const type = schema.getType(typeName);
    const defs = type.getFields();
    for (const [fieldName, fn] of Object.entries(fields)) {
      if (!defs[fieldName]) throw new Error(`No field ${typeName}.${fieldName}`);
      defs[fieldName].resolve = fn;
    }
  }
  for (const name of ['Node', 'Character', 'Vehicle', 'SearchResult']) {
    schema.getType(name).resolveType = (value) => typeOf(value);
  }
  Object.assign(schema.getType('Date'), DateScalarConfig);
  Object.assign(schema.getType('PositiveInt'), PositiveIntScalarConfig);
  return schema;
}

export { GraphQLScalarType };
