// One load run with autocannon: POST a GraphQL body at a fixed concurrency for some seconds.
// argv: url, body (JSON string), connections, seconds. Prints JSON: rps, p50, p95, p99 (ms),
// non2xx, errors. Exact percentiles from every response time (autocannon's summary has no p95).
import autocannon from "autocannon";

const [url, body, connections, seconds] = process.argv.slice(2);
const times = [];
const instance = autocannon({
  url,
  method: "POST",
  headers: { "content-type": "application/json" },
  body,
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
