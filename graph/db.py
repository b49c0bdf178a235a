"""The one gateway to Neo4j: named queries, read routing, transactions, counts and error mapping."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import time
from collections import Counter, defaultdict
from collections.abc import AsyncIterator, Callable, Iterable, Mapping
from contextlib import asynccontextmanager
from typing import Any, LiteralString

import neo4j
import neo4j.time
from neo4j import exceptions as neo4j_errors

from graph.changes import APPEND_BATCH, Change, current_origin
from graph.cypher import QueryRegistry
from graph.errors import Conflict, GraphError, Invalid, OutcomeUnknown, Unavailable

log = logging.getLogger(__name__)

Row = dict[str, Any]
# The name under which statements of the read compiler are counted and observed.
COMPILED = "compiled/read"


_TEMPORAL = (neo4j.time.Date, neo4j.time.DateTime, neo4j.time.Time)


_PLAIN = frozenset({str, int, float, bool, type(None)})


def native(value: Any) -> Any:
    """Neo4j temporal values to Python ones, recursively through lists and maps."""
    kind = type(value)
    if kind is dict:  # plain leaves inline: a call per property was a tenth of a nested read
        return {k: v if type(v) in _PLAIN else native(v) for k, v in value.items()}
    if kind is list:
        return [v if type(v) in _PLAIN else native(v) for v in value]
    if kind in _TEMPORAL:
        return value.to_native()
    return value


def _rows(records: list[neo4j.Record]) -> list[Row]:
    # record.items(), not record.data(): data() rebuilds every value through the driver's
    # graph-object transform, which our map-returning queries never need (a third of a nested
    # read's client time)
    return [{k: native(v) for k, v in record.items()} for record in records]  # type: ignore[no-untyped-call]


def _commit_failed(error: neo4j_errors.Neo4jError) -> OutcomeUnknown:
    """Neo4j answered the commit with a failure: the outcome is unknown, the cause named."""
    code = error.code or "an error"
    hint = ""
    if "MemoryPoolOutOfMemory" in code or "TransactionMemoryLimit" in code:
        hint = " (more transaction memory than it allows: write it in smaller parts)"
    return OutcomeUnknown(
        f"the graph database answered the commit with {code}{hint}; the write may or may not "
        "have been saved: retry with the same id or idempotency key"
    )


def _not_unicode() -> Invalid:
    """JSON may carry a lone surrogate ("\ud800"), which no UTF-8 encoder (the driver's) takes."""
    return Invalid("the request holds text that is not Unicode (a lone surrogate code point)")


def _translate(name: str, error: Exception) -> GraphError:
    if isinstance(error, neo4j_errors.ServiceUnavailable | neo4j_errors.SessionExpired):
        return Unavailable("the graph database is unavailable; try again shortly")
    if isinstance(error, neo4j_errors.TransientError) and "Unavailable" in (error.code or ""):
        # e.g. Neo.TransientError.General.DatabaseUnavailable while the server shuts down
        return Unavailable("the graph database is unavailable; try again shortly")
    if isinstance(error, neo4j_errors.ConstraintError):
        return Conflict("the write conflicts with an existing node (an id is already in use)")
    code = error.code or "" if isinstance(error, neo4j_errors.Neo4jError) else ""
    # Neo.ClientError.Transaction.TransactionTimedOut(ClientConfiguration) and the like: the server
    # ended the transaction (nothing was committed), as happens on a loaded or restarting server
    if isinstance(error, neo4j_errors.ClientError) and ("Timeout" in code or "TimedOut" in code):
        return Unavailable(f"the query '{name}' took longer than the configured time limit")
    if "MemoryPoolOutOfMemory" in code or "TransactionMemoryLimit" in code:
        # the server refused the transaction (nothing was written): too large for its memory
        return Unavailable(
            f"'{name}' needed more transaction memory than the graph database allows; nothing "
            "was saved: write it in smaller parts, or give the server more memory"
        )
    if isinstance(error, neo4j_errors.TransientError):
        # the server gave up on it (a deadlock, a terminated transaction): nothing was written
        return Unavailable(f"the graph database could not complete '{name}' just now ({code})")
    raise error


def open_driver(uri: str, user: str, password: str, max_pool_size: int = 50) -> neo4j.AsyncDriver:
    """One driver per process. Short connection timeouts so that an outage is reported fast."""
    return neo4j.AsyncGraphDatabase.driver(
        uri,
        auth=(user, password),
        max_connection_pool_size=max_pool_size,
        connection_timeout=5.0,
        connection_acquisition_timeout=10.0,
        max_transaction_retry_time=5.0,
        notifications_min_severity="WARNING",  # "index already exists" and the like are noise
        # A property or label no node has yet (a sparse or new graph) is not a problem.
        notifications_disabled_classifications=["UNRECOGNIZED"],
    )


class Transaction:
    """A write transaction: several named statements that commit or roll back together."""

    def __init__(self, db: Database, tx: neo4j.AsyncTransaction) -> None:
        self._db = db
        self._tx = tx
        self.changes: list[Change] = []

    def note(self, changes: Iterable[Change]) -> None:
        """Changes this transaction made: appended to the change log when it commits."""
        self.changes.extend(changes)

    async def append_changes(self) -> None:
        """Write the noted changes as events with the next sequence numbers, stamped with the
        origin of the write (its actor and request id). Run last: the counter node it locks
        serializes writers until this transaction commits, so sequence numbers follow commits."""
        if not self.changes:
            return
        origin = current_origin()
        at = dt.datetime.now(dt.UTC)
        for start in range(0, len(self.changes), APPEND_BATCH):
            batch = self.changes[start : start + APPEND_BATCH]
            await self.run(
                "changes/append",
                {
                    "events": [change.params() for change in batch],
                    "at": at,
                    "actor": origin.actor,
                    "requestId": origin.request_id,
                },
            )
        self.changes.clear()

    async def run(self, name: str, params: Mapping[str, Any]) -> list[Row]:
        """Runs one named statement in the transaction and returns its rows."""
        started = time.perf_counter()
        result = await self._tx.run(self._db.queries.text(name), dict(params))
        records = [record async for record in result]
        self._db.record(name, started)
        return _rows(records)


class Database:
    """Named-query access to one Neo4j database. Counts every statement it runs, by name."""

    def __init__(
        self,
        driver: neo4j.AsyncDriver,
        queries: QueryRegistry,
        database: str,
        write_timeout: float | None = None,
    ) -> None:
        self.driver = driver
        self.queries = queries
        self.database = database
        self.write_timeout = write_timeout
        self.executed: Counter[str] = Counter()
        self.elapsed_ms: dict[str, float] = defaultdict(float)  # total time per query name
        # Called with (query name, seconds) after each statement: metrics hook in here.
        self.observers: list[Callable[[str, float], None]] = []
        # Called with (query name, parameters) before each read: the floor benchmark replays them.
        self.tracers: list[Callable[[str, Mapping[str, Any]], None]] = []

    def record(self, name: str, started: float) -> None:
        """Counts one run of a statement and its time, and tells the observers."""
        elapsed = (time.perf_counter() - started) * 1000
        self.executed[name] += 1
        self.elapsed_ms[name] += elapsed
        for observe in self.observers:
            observe(name, elapsed / 1000)
        log.debug("cypher %s %.1f ms", name, elapsed)

    async def read(self, name: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        """Runs one named read statement (routed to a reader) and returns its rows."""
        return await self._execute(name, params or {}, neo4j.RoutingControl.READ)

    async def read_compiled(self, text: LiteralString, params: Mapping[str, Any]) -> list[Row]:
        """A statement of the read compiler (graph/compiler), counted as `compiled/read`."""
        query = neo4j.Query(text, metadata={"query": COMPILED}, timeout=self.queries.timeout)
        return await self._run(COMPILED, query, params, neo4j.RoutingControl.READ)

    async def read_all(self, name: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        """The rows of a statement that returns them collected in one record (`RETURN
        collect({...}) AS rows`): the async driver pays per record, so 50 nodes cost 1.9 ms as
        one record against 4 ms as 50."""
        found = await self.read(name, params)
        return list(found[0]["rows"]) if found else []

    async def write(
        self,
        name: str,
        params: Mapping[str, Any] | None = None,
        changes: Callable[[list[Row]], Iterable[Change]] | None = None,
    ) -> list[Row]:
        """One statement in its own write transaction, with its change events (`changes`
        reads them off its rows) and a new generation: all of them commit, or none."""
        async with self.transaction() as tx:
            rows = await tx.run(name, params or {})
            if changes is not None:
                tx.note(changes(rows))
        return rows

    async def write_state(self, name: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        """One statement in its own write transaction that changes bookkeeping, not graph
        content (webhook subscribers, their cursors and leases): no change events and no new
        generation, so a lease renewed every few seconds leaves the response cache alone."""
        return await self._execute(name, params or {}, neo4j.RoutingControl.WRITE)

    async def generation(self) -> str | None:
        """The write generation: changes with every committed write made through this class (a
        response cache keyed on it never serves an answer older than the last write)."""
        rows = await self.read("cache/generation")
        value = rows[0]["generation"] if rows else None
        return str(value) if value is not None else None

    async def _execute(
        self, name: str, params: Mapping[str, Any], routing: neo4j.RoutingControl
    ) -> list[Row]:
        return await self._run(name, self.queries[name], params, routing)

    async def _run(
        self,
        name: str,
        query: neo4j.Query,
        params: Mapping[str, Any],
        routing: neo4j.RoutingControl,
    ) -> list[Row]:
        for trace in self.tracers:
            trace(name, params)
        started = time.perf_counter()
        try:
            if routing == neo4j.RoutingControl.READ:
                records = await self._read_once(query, params)
            else:
                records = None
            if records is None:
                result = await self.driver.execute_query(
                    query, dict(params), routing_=routing, database_=self.database
                )
                records = result.records
        except neo4j_errors.Neo4jError as error:
            raise _translate(name, error) from error
        except neo4j_errors.DriverError as error:
            raise _translate(name, error) from error
        except UnicodeEncodeError as error:
            raise _not_unicode() from error
        self.record(name, started)
        return _rows(records)

    async def _read_once(
        self, query: neo4j.Query, params: Mapping[str, Any]
    ) -> list[neo4j.Record] | None:
        """A read as one auto-commit statement in a READ session (routed to a reader, as
        execute_query's routing_=READ is): one round trip (RUN+PULL) where a managed transaction
        takes BEGIN, RUN, PULL and COMMIT, at about half the driver's CPU per read
        (bench/README.md). None when the server or connection failed in a way a retry may
        cure: the caller then runs it through execute_query, which retries."""
        try:
            async with self.driver.session(
                database=self.database,
                default_access_mode=neo4j.READ_ACCESS,
                bookmark_manager=None,
            ) as session:
                result = await session.run(query, dict(params))
                return [record async for record in result]
        except (neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired):
            return None
        except neo4j_errors.Neo4jError as error:
            if error.is_retryable():
                return None
            raise

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Transaction]:
        """One explicit write transaction: commits when the block ends, rolls back on any error."""
        try:
            async with self.driver.session(database=self.database) as session:
                tx = await session.begin_transaction(
                    metadata={"query": "transaction"}, timeout=self.write_timeout
                )
                try:
                    transaction = Transaction(self, tx)
                    yield transaction
                    # last, so the counter and generation nodes are locked only for the commit
                    await transaction.append_changes()
                    await transaction.run("cache/bump_generation", {})
                except BaseException:
                    await tx.rollback()
                    raise
                try:
                    await tx.commit()
                except neo4j_errors.ConstraintError:
                    raise
                except neo4j_errors.Neo4jError as error:
                    # A failure answered to COMMIT does not prove nothing was saved: a server
                    # shutting down has answered one for a commit that was durable (the outage
                    # test found that phantom). Say what the server said, and that it may be saved.
                    raise _commit_failed(error) from error
                except neo4j_errors.DriverError as error:
                    # the commit may have reached the server before the connection went away
                    raise OutcomeUnknown(
                        "the graph database went away while the write was committing; it may "
                        "or may not have been saved: retry with the same id or idempotency key"
                    ) from error
        except (neo4j_errors.Neo4jError, neo4j_errors.DriverError) as error:
            raise _translate("transaction", error) from error
        except UnicodeEncodeError as error:
            raise _not_unicode() from error

    async def ping(self, within_seconds: float = 2.0) -> bool:
        """Neo4j answers in time (a readiness probe must not hang on the driver's retries)."""
        try:
            rows = await asyncio.wait_for(self.read("health/ping"), within_seconds)
        except (GraphError, TimeoutError):
            return False
        return bool(rows and rows[0]["ok"] == 1)

    async def migrate(self) -> list[str]:
        """Apply every schema statement (idempotent: each uses IF NOT EXISTS)."""
        names = self.queries.schema_statements()
        # The schema, then the write generation (a graph loaded by other means, neo4j-admin or a
        # dump, gets one to cache against), without the per-query time limit: on a fresh or busy
        # server the first write after new constraints waits for them (10 s was too little on a
        # loaded 2-core machine).
        for name in [*names, "cache/ensure_generation"]:
            query = neo4j.Query(self.queries.text(name), metadata={"query": name})
            await self._run(name, query, {}, neo4j.RoutingControl.WRITE)
        return names
