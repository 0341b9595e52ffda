// Introspection snippets (the full getIntrospectionQuery() runs too).
import { getIntrospectionQuery } from 'graphql';
const i = (id, query, extra = {}) => ({ id: 'introspection.' + id, query, ...extra });

export default [
  i('full', getIntrospectionQuery()),
  i('full-all-options', getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true })),
  i('schema-types', '{ __schema { types { name } } }'),
  i('schema-roots', '{ __schema { queryType { name } mutationType { name } subscriptionType { name } description } }'),
  i('schema-directives', '{ __schema { directives { name description locations isRepeatable args { name type { name kind ofType { name kind } } defaultValue } } } }'),
  i('type-human', '{ __type(name: "Human") { kind name description interfaces { name } fields { name type { kind name ofType { kind name ofType { kind name } } } } } }'),
  i('type-character-possible', '{ __type(name: "Character") { kind name interfaces { name } possibleTypes { name } } }'),
  i('type-node-possible', '{ __type(name: "Node") { possibleTypes { name } } }'),
  i('type-union', '{ __type(name: "SearchResult") { kind possibleTypes { name } fields { name } } }'),
  i('type-enum-deprecated', '{ __type(name: "Episode") { kind enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason } } }'),
  i('type-enum-default', '{ __type(name: "Episode") { enumValues { name } } }'),
  i('type-input', '{ __type(name: "Filter") { kind inputFields { name defaultValue type { kind name ofType { kind name } } } } }'),
  i('type-input-deprecated', '{ __type(name: "Filter") { inputFields(includeDeprecated: true) { name isDeprecated deprecationReason } } }'),
  i('type-oneof', '{ __type(name: "CharacterSelector") { kind name inputFields { name type { name } } } }'),
  i('type-scalar-specified-by', '{ date: __type(name: "Date") { kind name description specifiedByURL } pos: __type(name: "PositiveInt") { specifiedByURL } }'),
  i('type-builtin-scalar', '{ __type(name: "String") { kind name description } }'),
  i('type-unknown', '{ __type(name: "Nope") { name } }'),
  i('field-args-deprecated', '{ __type(name: "Human") { fields(includeDeprecated: true) { name isDeprecated deprecationReason args(includeDeprecated: true) { name defaultValue isDeprecated deprecationReason } } } }'),
  i('field-args-default', '{ __type(name: "Human") { fields { name args { name } } } }'),
  i('query-type-fields', '{ __schema { queryType { fields { name args { name defaultValue } } } } }'),
  i('mutation-fields', '{ __schema { mutationType { name fields { name type { kind name ofType { name } } } } } }'),
  i('typename-of-meta', '{ __schema { __typename queryType { __typename } } __type(name: "Query") { __typename } }'),
  i('type-of-introspection-type', '{ __type(name: "__Type") { name fields { name } } }'),
  i('type-directive-location', '{ __type(name: "__DirectiveLocation") { enumValues { name } } }'),
  i('interface-interfaces', '{ __type(name: "Vehicle") { interfaces { name } possibleTypes { name } } }'),
  i('with-fragments', 'query { __schema { types { ...T } } } fragment T on __Type { kind name }'),
  i('type-description-block', '{ __type(name: "Filter") { description } q: __type(name: "Query") { fields { name description } } }'),
  i('non-null-list-type', '{ __type(name: "Starship") { fields { name type { kind ofType { kind ofType { kind ofType { kind ofType { kind ofType { kind name } } } } } } } } }'),
];
