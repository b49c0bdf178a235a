// The graphql-http server audit against a live endpoint: prints the results as JSON and exits 1
// when any MUST fails.  Usage: node audit.mjs URL
import { serverAudits } from 'graphql-http';

const url = process.argv[2];
const results = [];
for (const audit of serverAudits({ url, fetchFn: fetch })) {
  const result = await audit.fn();
  results.push({ name: audit.name, status: result.status, reason: result.reason ?? null });
}
const failed = (level) => results.filter((r) => r.name.startsWith(level) && r.status !== 'ok');
const report = { total: results.length, mustFailed: failed('MUST'), shouldFailed: failed('SHOULD') };
console.log(JSON.stringify(report));
process.exit(report.mustFailed.length ? 1 : 0);
