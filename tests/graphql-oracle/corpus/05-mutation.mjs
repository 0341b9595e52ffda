// Mutations run serially, against a fresh copy of data.json per document.
const m = (id, query, extra = {}) => ({ id: 'mutation.' + id, query, ...extra });

export default [
  m('increment-in-order', 'mutation { a: incrementCounter b: incrementCounter(by: 5) c: incrementCounter(by: -2) d: incrementCounter(by: null) }'),
  m('create-review', 'mutation { createReview(episode: JEDI, review: {stars: 4, commentary: "Great", tags: ["a", "b"]}) { episode stars commentary tags } }'),
  m('create-review-defaults', 'mutation { createReview(episode: NEWHOPE, review: {stars: 1}) { stars commentary tags } }'),
  m('create-review-null-tags', 'mutation { createReview(episode: NEWHOPE, review: {stars: 2, tags: null}) { stars tags } }'),
  m('create-review-variables', 'mutation ($ep: Episode!, $r: ReviewInput!) { createReview(episode: $ep, review: $r) { episode stars commentary tags } }', { variables: { ep: 'EMPIRE', r: { stars: 3, tags: 'single', favoriteColor: { blue: 9 } } } }),
  m('create-review-bad-stars', 'mutation ($r: ReviewInput!) { createReview(episode: EMPIRE, review: $r) { stars } }', { variables: { r: { stars: 0 } } }),
  m('create-then-count', 'mutation { first: createReview(episode: HOLIDAY, review: {stars: 5}) { stars } second: createReview(episode: HOLIDAY, review: {stars: 3, commentary: "meh"}) { stars commentary } }'),
  m('add-friend', 'mutation { addFriend(characterId: "1004", friendId: "2000") { name friends { name } } }'),
  m('add-friend-idempotent', 'mutation { a: addFriend(characterId: "1001", friendId: "1004") { friends { id } } b: addFriend(characterId: "1001", friendId: "2001") { friends { id } } }'),
  m('add-friend-unknown', 'mutation { addFriend(characterId: "1000", friendId: "9") { name } }'),
  m('rename', 'mutation { rename(id: "2001", name: "Artoo") { name } }'),
  m('rename-empty-throws', 'mutation { rename(id: "2001", name: "") { name } after: incrementCounter }'),
  m('rename-unknown', 'mutation { rename(id: "7", name: "X") { name } }'),
  m('rename-then-read-in-same-mutation', 'mutation { rename(id: "1000", name: "Master Luke") { id } addFriend(characterId: "1002", friendId: "1000") { friends { name } } }'),
  m('fail-non-null-stops', 'mutation { a: incrementCounter failNonNull b: incrementCounter }'),
  m('fail-non-null-first', 'mutation { failNonNull a: incrementCounter }'),
  m('typename', 'mutation { __typename incrementCounter }'),
  m('fragment-on-mutation', 'mutation { ...M } fragment M on Mutation { incrementCounter(by: 3) }'),
  m('skip-mutation-field', 'mutation { a: incrementCounter @skip(if: true) b: incrementCounter(by: 10) }'),
  m('isolation-check', '{ counter reviews(episode: HOLIDAY) { stars } }', { note: 'earlier mutations must not leak into later documents' }),
  m('counter-overflows-int', 'mutation { a: incrementCounter(by: 2147483647) b: incrementCounter(by: 1) c: incrementCounter }', { note: 'the second result does not fit Int: a result coercion error on a non-null root field' }),
];
