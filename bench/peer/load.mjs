// One load run with autocannon: POST a GraphQL body at a fixed concurrency for some seconds.
// argv: url, body (JSON string), connections, seconds[, start]. Prints JSON: rps, p50, p95, p99 (ms),
// non2xx, errors. Exact percentiles from every response time (autocannon's summary has no p95).
import { readFileSync } from "node:fs";
import autocannon from "autocannon";

// A body that is a JSON array is a list of bodies, sent in turn (a workload that never repeats
// itself within the list, so no cache can serve it from an earlier identical request).
// A body argument "@path" is read from that file (a long list does not fit in an argument).
// `start` (default 0): the index of the first body sent, so that successive runs over one list
// send disjoint slices of it.
const [url, bodyArg, connections, seconds, start = "0"] = process.argv.slice(2);
const body = bodyArg.startsWith("@") ? readFileSync(bodyArg.slice(1), "utf8") : bodyArg;
const parsed = JSON.parse(body);
const bodies = Array.isArray(parsed) ? parsed.map((b) => JSON.stringify(b)) : [body];
let next = Number(start);
const times = [];
const instance = autocannon({
  url,
  method: "POST",
  headers: { "content-type": "application/json" },
  body: bodies[0],
  requests: [
    {
      setupRequest: (request) => {
        request.body = bodies[next++ % bodies.length];
        return request;
      },
    },
  ],
  connections: Number(connections),
  duration: Number(seconds),
});
instance.on("response", (_client, _status, _bytes, responseTime) => times.push(responseTime));
instance.on("done", (result) => {
  times.sort((a, b) => a - b);
  const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
  console.log(
    JSON.stringify({
      rps: result.requests.total / Number(seconds),
      p50: at(0.5),
      p95: at(0.95),
      p99: at(0.99),
      non2xx: result.non2xx,
      errors: result.errors + result.timeouts,
      requests: result.requests.total,
    }),
  );
});
