"""HTTP routes of the issuers: each institution's did:web document and signed status list."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from api.resolvers.credentials import credential_service
from graph.container import Graph
from graph.errors import Invalid, NotFound
from graph.settings import Settings
from importers.credentials.setup import issuer_keys_from_settings

JSON_LD = "application/ld+json"  # what resolvers of did:web and status lists accept
MISSING = {"error": "not found"}


def credential_routes(settings: Settings, graph_ref: Mapping[str, Graph]) -> list[Route]:
    """GET /issuers/{id}/did.json and GET /issuers/{id}/status/1 (no token: they are public)."""

    async def did_document(request: Request) -> Response:
        """An institution's did:web document (its public keys)."""
        try:
            document = issuer_keys_from_settings(settings).did_document(
                request.path_params["institution_id"]
            )
        except Invalid:
            return JSONResponse(MISSING, status_code=404)
        if not document["verificationMethod"]:  # no key yet: nothing was ever issued
            return JSONResponse(MISSING, status_code=404)
        return JSONResponse(document, media_type=JSON_LD)

    async def status_list(request: Request) -> Response:
        """An institution's Bitstring Status List credential."""
        graph = graph_ref.get("graph")
        if graph is None:
            return JSONResponse({"status": "unavailable"}, status_code=503)
        service = credential_service(graph, settings)
        try:
            document = await service.status_list(
                request.path_params["institution_id"], dt.datetime.now(dt.UTC)
            )
        except (Invalid, NotFound):
            return JSONResponse(MISSING, status_code=404)
        return JSONResponse(document, media_type=JSON_LD)

    return [
        Route("/issuers/{institution_id}/did.json", did_document),
        Route("/issuers/{institution_id}/status/1", status_list),
    ]
