"""The ASGI app: create_app(settings) -> Starlette. The lifespan opens the process's one driver."""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import orjson
from cross_web import HTTPException
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route, WebSocketRoute
from starlette.types import ASGIApp, Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.types.unset import UNSET, UnsetType

from api.auth import ANONYMOUS, Principal, Role, principal_from
from api.case_routes import case_routes
from api.compiled import PlanCache
from api.compiled_http import CompiledFastPath, KnownDocuments
from api.context import Context
from api.credential_routes import credential_routes
from api.dev_secret import load_settings
from api.errors import MASKED_MESSAGE
from api.graphiql_assets import asset_route, local_page
from api.metrics import Metrics
from api.middleware import GraphQLResponseMediaType, PersistedQueries, RequestMiddleware
from api.response_cache import ResponseCache
from api.schema import build_schema
from api.webapp_routes import webapp_routes
from api.webhook_runner import webhook_delivery
from api.websocket import TextWebSocketAdapter
from graph.changes import Origin, origin_var
from graph.connection import Neo4jTarget, resolve_target
from graph.container import Graph, open_graph
from graph.settings import Settings

log = logging.getLogger(__name__)


class GraphQLApp(GraphQL[Context, None]):
    """strawberry's ASGI GraphQL app with our per-request context."""

    websocket_adapter_class = TextWebSocketAdapter

    def __init__(self, settings: Settings, graph_ref: dict[str, Graph], metrics: Metrics) -> None:
        plans, known = PlanCache(), KnownDocuments()
        schema = build_schema(settings, plans, known)
        super().__init__(
            schema,
            graphql_ide="graphiql" if settings.graphiql else None,
            subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
        )
        # GraphiQL's scripts and styles from credgraph itself, not a CDN (api/graphiql_assets.py)
        self.local_ide_html, self.ide_assets = local_page(super().graphql_ide_html)
        self.settings = settings
        self.graph_ref = graph_ref
        self.metrics = metrics
        self.fast_path = (
            CompiledFastPath(
                schema._schema, plans, known, self.context_of, schema.execution_context_class
            )
            if settings.compiled_reads
            else None
        )

    async def on_ws_connect(self, context: Context) -> UnsetType | dict[str, object] | None:
        """A websocket client may give its token in connection_init (browsers cannot set
        headers on one): `{"Authorization": "Bearer ..."}`; a token refused closes it (4403)."""
        params = context.connection_params or {}
        given = params.get("Authorization", params.get("authorization"))
        if isinstance(given, str) and given:
            context.principal = principal_from(given, self.settings)
            if context.principal.token_problem:
                raise ConnectionRejectionError()
        elif context.upgrade_authorization:
            # the upgrade request's header, decoded here rather than in `context_of`: a token in
            # connection_init replaces it, and each token is decoded once
            context.principal = principal_from(context.upgrade_authorization, self.settings)
        origin_var.set(Origin(context.principal.subject, context.request_id))
        unset: UnsetType = UNSET
        return unset

    @property
    def graphql_ide_html(self) -> str:
        """strawberry's GraphiQL page, loading its assets from /graphiql/assets/."""
        return self.local_ide_html

    def encode_json(self, data: object) -> bytes:
        """The answer as JSON bytes (orjson)."""
        return orjson.dumps(data)

    def parse_json(self, data: str | bytes) -> Any:
        """The body (or a GET parameter) as JSON: a request error, never a fault, when it is
        not UTF-8, nests deeper than orjson's 1,024 levels, or is not an object or a list."""
        try:
            value = orjson.loads(data)
        except orjson.JSONDecodeError as error:
            value = _lone_surrogates_json(data, error)
        if not isinstance(value, dict | list):
            kind = _JSON_KINDS.get(type(value), "a value")
            raise HTTPException(400, f"expected a JSON object with a `query`, got {kind}")
        return value

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Known compiled documents by the fast path (api/compiled_http.py), the rest as
        strawberry's app would, but every refusal is a GraphQL error in JSON with a code and the
        request id (strawberry answers plain text), and a fault is masked and logged."""
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
        elif self.fast_path is not None:
            await self.fast_path(scope, receive, send, self._serve)
        else:
            await self._serve(scope, receive, send)

    async def _serve(self, scope: Scope, receive: Receive, send: Send) -> None:
        request_id = scope.get("state", {}).get("request_id") or uuid.uuid4().hex
        try:
            response = await self.run(Request(scope=scope, receive=receive))
        except HTTPException as refusal:
            response = _error_response(
                refusal.reason, "BAD_REQUEST", request_id, refusal.status_code
            )
        except Exception:
            log.exception("unexpected error serving %s", scope.get("path"))
            response = _error_response(MASKED_MESSAGE, "INTERNAL", request_id, 500)
        await response(scope, receive, send)

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> Context:
        """The context of one request or websocket (see `context_of`)."""
        return self.context_of(request.scope)

    def context_of(self, scope: Scope) -> Context:
        """The context of one request: the graph, the caller, the request id."""
        state = scope.get("state", {})
        principal = state.get("principal")  # RequestMiddleware decoded the token once
        upgrade_authorization = ""
        if not isinstance(principal, Principal):
            authorization = next((v for k, v in scope["headers"] if k == b"authorization"), b"")
            if scope["type"] == "websocket":  # decoded at connection_init (on_ws_connect)
                upgrade_authorization, principal = authorization.decode("latin-1"), ANONYMOUS
            else:
                principal = principal_from(authorization.decode("latin-1"), self.settings)
        request_id = state.get("request_id") or uuid.uuid4().hex
        origin_var.set(Origin(principal.subject, request_id))  # a websocket has no middleware
        return Context(
            graph=self.graph_ref["graph"],
            settings=self.settings,
            request_id=request_id,
            principal=principal,
            metrics=self.metrics,
            upgrade_authorization=upgrade_authorization,
        )


def _lone_surrogates_json(data: str | bytes, error: orjson.JSONDecodeError) -> Any:
    """JSON that orjson refuses only for escaped lone surrogates ("\ud800") is still JSON: it is
    read by the standard library, and the resolver that meets such text says where it is (an
    import names the file). Anything else stays refused, with orjson's reason."""
    if "surrogate" in str(error):
        try:
            return json.loads(data)
        except (ValueError, RecursionError):
            pass
    raise HTTPException(400, f"the request is not valid JSON: {error}") from None


_JSON_KINDS = {str: "a string", int: "a number", float: "a number", bool: "a boolean"}
_JSON_KINDS[type(None)] = "null"


def _error_response(message: str, code: str, request_id: str, status: int) -> Response:
    body = {"errors": [{"message": message, "extensions": {"code": code, "requestId": request_id}}]}
    return Response(orjson.dumps(body), status_code=status, media_type="application/json")


def create_app(settings: Settings, target: Neo4jTarget | None = None) -> Starlette:
    """The service. `target` defaults to NEO4J_URI or the running local Neo4j."""
    graph_ref: dict[str, Graph] = {}
    metrics = Metrics()

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        """Opens the graph (one driver) and migrates the schema for the app's lifetime."""
        resolved = target or resolve_target(settings)
        async with open_graph(settings, resolved) as graph:
            await graph.db.migrate()
            graph.db.observers.append(metrics.query)
            graph_ref["graph"] = graph
            log.info("connected to Neo4j (%s)", resolved.origin)
            async with webhook_delivery(graph, settings):
                yield
        graph_ref.clear()

    async def healthz(request: Request) -> Response:
        """Liveness: the process answers."""
        return JSONResponse({"status": "ok"})

    async def readyz(request: Request) -> Response:
        """Readiness: Neo4j answers a ping."""
        graph = graph_ref.get("graph")
        if graph is not None and await graph.db.ping():
            return JSONResponse({"status": "ready"})
        return JSONResponse({"status": "unavailable", "neo4j": "unreachable"}, status_code=503)

    async def metrics_endpoint(request: Request) -> Response:
        """The Prometheus metrics."""
        return Response(metrics.render(), media_type=metrics.content_type)

    graphql = GraphQLApp(settings, graph_ref, metrics)
    endpoint: ASGIApp = GraphQLResponseMediaType(graphql)
    if settings.response_cache_mb > 0:

        async def generation() -> str | None:
            """The graph's write generation, which keys the response cache (None: not connected)."""
            graph = graph_ref.get("graph")
            return await graph.db.generation() if graph is not None else None

        endpoint = ResponseCache(endpoint, generation, settings.response_cache_mb << 20, metrics)
    if settings.persisted_queries is not None:
        allow_list = json.loads(settings.persisted_queries.read_text())
        endpoint = PersistedQueries(endpoint, allow_list)

    def body_limit(headers: dict[str, str], state: dict[str, Any]) -> int:
        caller = state["principal"] = principal_from(headers.get("authorization", ""), settings)
        if caller.has(Role.IMPORTER):
            return max(settings.max_import_body_bytes, settings.max_body_bytes)
        return settings.max_body_bytes

    middleware = [
        Middleware(
            RequestMiddleware,
            max_body_bytes=settings.max_body_bytes,
            metrics=metrics,
            body_limit=body_limit,
        )
    ]
    if settings.cors_origins:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=list(settings.cors_origins),
                allow_methods=["GET", "POST"],
                allow_headers=["authorization", "content-type", "x-request-id"],
            )
        )

    return Starlette(
        routes=[
            Route("/healthz", healthz),
            Route("/readyz", readyz),
            Route("/metrics", metrics_endpoint),
            Route("/graphql", endpoint, methods=["GET", "POST"]),
            # subscriptions (graphql-transport-ws); not beside an allow-list of documents, which
            # a websocket would bypass
            *([] if settings.persisted_queries else [WebSocketRoute("/graphql", graphql)]),
            asset_route(graphql.ide_assets),
            *webapp_routes(),
            *credential_routes(settings, graph_ref),
            *case_routes(settings, graph_ref),
        ],
        middleware=middleware,
        lifespan=lifespan,
    )


def serve_environment(settings: Settings, target: Neo4jTarget) -> dict[str, str]:
    """The variables a process serving the app from its environment (`app_from_environment`, or
    a `credgraph serve` child) needs: the resolved Neo4j and the JWT key of this process."""
    env = {
        "NEO4J_URI": target.uri,
        "NEO4J_USER": target.user,
        "NEO4J_PASSWORD": target.password.get_secret_value(),
    }
    if settings.jwt_secret is not None:
        env["CREDGRAPH_JWT_SECRET"] = settings.jwt_secret.get_secret_value()
    return env


def app_from_environment() -> Starlette:
    """The app of one worker process (`credgraph serve --workers N`): settings and Neo4j from
    the environment the parent prepared (`serve_environment`)."""
    return create_app(load_settings())
