"""The CASE 1.1 provider's HTTP routes (`/ims/case/v1p1/...`): public, cacheable JSON with an ETag,
and CASE's imsx_StatusInfo error shape (docs/case-provider.md)."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

import orjson
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from graph.container import Graph
from graph.settings import Settings
from importers.case_export import CASE_PATH, Json, Locator
from importers.case_provider import CaseIndex, CaseProvider

CACHE_CONTROL = "public, max-age=60"  # then revalidated: If-None-Match answers 304


def status_info(status: int, description: str, minor: str) -> Response:
    """An error in the shape CASE's REST binding gives every failure (imsx_StatusInfo)."""
    body = {
        "imsx_codeMajor": "failure",
        "imsx_severity": "error",
        "imsx_description": description,
        "imsx_codeMinor": {
            "imsx_codeMinorField": [
                {"imsx_codeMinorFieldName": "sourcedId", "imsx_codeMinorFieldValue": minor}
            ]
        },
    }
    return Response(orjson.dumps(body), status_code=status, media_type="application/json")


def _matches(if_none_match: str, etag: str) -> bool:
    """Whether an If-None-Match header names this ETag (weak or strong) or is `*`."""
    tags = {t.strip().removeprefix("W/") for t in if_none_match.split(",")}
    return "*" in tags or etag in tags


def cacheable(request: Request, document: Any) -> Response:
    """The document as JSON with an ETag of its bytes: 304 without a body when the client
    already holds those bytes."""
    body = orjson.dumps(document)
    etag = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
    headers = {"ETag": etag, "Cache-Control": CACHE_CONTROL}
    if _matches(request.headers.get("if-none-match", ""), etag):
        return Response(status_code=304, headers=headers)
    return Response(body, media_type="application/json", headers=headers)


def case_routes(settings: Settings, graph_ref: Mapping[str, Graph]) -> list[Route]:
    """GET CFDocuments, CFDocuments/{id}, CFPackages/{id}, CFItems/{id}, CFAssociations/{id}."""
    providers: dict[int, CaseProvider] = {}

    async def index_of(request: Request) -> CaseIndex | None:
        """The CASE index of the connected graph's frameworks (None: no graph yet)."""
        graph = graph_ref.get("graph")
        if graph is None:
            return None
        provider = providers.get(id(graph))
        if provider is None:  # one per opened graph (the lifespan opens one per process)
            providers.clear()
            provider = providers[id(graph)] = CaseProvider(graph.nodes, graph.db.generation)
        base = settings.public_url or str(request.base_url).rstrip("/")
        return await provider.index(Locator(base))

    def lookup(kind: str, pick: Any) -> Any:
        async def endpoint(request: Request) -> Response:
            """One CASE object of this endpoint by its identifier."""
            index = await index_of(request)
            if index is None:
                return status_info(503, "the graph is not available", "server_busy")
            identifier = request.path_params["identifier"]
            found: Json | None = pick(index).get(identifier)
            if found is None:
                return status_info(404, f"Unknown Object: no {kind} {identifier}", "unknownobject")
            return cacheable(request, found)

        return endpoint

    async def documents(request: Request) -> Response:
        """Every CASE document (CFDocuments) the provider serves."""
        index = await index_of(request)
        if index is None:
            return status_info(503, "the graph is not available", "server_busy")
        return cacheable(request, {"CFDocuments": index.documents})

    def by_document(index: CaseIndex) -> dict[str, Json]:
        return {str(d["identifier"]): d for d in index.documents}

    return [
        Route(f"{CASE_PATH}/CFDocuments", documents),
        Route(f"{CASE_PATH}/CFDocuments/{{identifier}}", lookup("CFDocument", by_document)),
        Route(
            f"{CASE_PATH}/CFPackages/{{identifier}}",
            lookup("CFPackage", lambda index: index.packages),
        ),
        Route(f"{CASE_PATH}/CFItems/{{identifier}}", lookup("CFItem", lambda index: index.items)),
        Route(
            f"{CASE_PATH}/CFAssociations/{{identifier}}",
            lookup("CFAssociation", lambda index: index.associations),
        ),
    ]
