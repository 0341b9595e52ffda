// Usage: node audit.mjs http://127.0.0.1:5000/graphql   (or GRAPHQL_URL=...)
// Runs every graphql-http server audit, prints each result, and exits non-zero if any MUST audit fails.
import { serverAudits } from 'graphql-http';

const url = process.argv[2] ?? process.env.GRAPHQL_URL;
if (!url) {
  console.error('usage: node audit.mjs <graphql endpoint url>');
  process.exit(2);
}

let mustFailures = 0;
let otherFailures = 0;
let passed = 0;
for (const audit of serverAudits({ url })) {
  const result = await audit.fn();
  if (result.status === 'ok') {
    passed++;
    console.log(`ok      ${audit.id} ${audit.name}`);
    continue;
  }
  const must = audit.name.startsWith('MUST');
  if (must) mustFailures++;
  else otherFailures++;
  let detail = result.reason;
  if (result.response) {
    try {
      detail += ` (status ${result.response.status}, body ${(await result.response.text()).slice(0, 300)})`;
    } catch {
      // body already read
    }
  }
  console.log(`${result.status.padEnd(7)} ${audit.id} ${audit.name}: ${detail}`);
}

console.log(`audits: ${passed} ok, ${mustFailures} MUST failed, ${otherFailures} SHOULD/MAY not met`);
process.exit(mustFailures === 0 ? 0 : 1);
