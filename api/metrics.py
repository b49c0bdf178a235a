"""Prometheus metrics of one app: requests by path and status, GraphQL operations, Neo4j queries."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


class Metrics:
    """A registry per app (several apps in one process, as in tests, do not collide)."""

    content_type = CONTENT_TYPE_LATEST

    def __init__(self) -> None:
        registry = self.registry = CollectorRegistry()

        def latency(name: str, doc: str, *labels: str) -> Histogram:
            return Histogram(name, doc, labels, buckets=BUCKETS, registry=registry)

        def count(name: str, doc: str, label: str) -> Counter:
            return Counter(name, doc, [label], registry=registry)

        self.requests = latency(
            "credgraph_http_request_seconds",
            "HTTP request latency by path and status",
            "path",
            "status",
        )
        self.operations = latency(
            "credgraph_graphql_operation_seconds",
            "GraphQL operation latency by operation name",
            "operation",
        )
        self.errors = count("credgraph_graphql_errors_total", "GraphQL errors by code", "code")
        self.cached = count(
            "credgraph_response_cache_total",
            "Anonymous GraphQL requests by response-cache result (hit, miss, bypass)",
            "result",
        )
        self.queries = latency(
            "credgraph_neo4j_query_seconds", "Neo4j query latency by query name", "query"
        )

    def cache(self, result: str) -> None:
        """Counts one response cache look-up by its result."""
        self.cached.labels(result).inc()

    def request(self, path: str, status: int, seconds: float) -> None:
        """Observes one HTTP request's duration by path and status."""
        known = path if path in {"/graphql", "/healthz", "/readyz", "/metrics"} else "other"
        self.requests.labels(known, str(status)).observe(seconds)

    def query(self, name: str, seconds: float) -> None:
        """Observes one Neo4j statement's duration by name."""
        self.queries.labels(name).observe(seconds)

    def render(self) -> bytes:
        """The metrics in Prometheus's text format."""
        return generate_latest(self.registry)
