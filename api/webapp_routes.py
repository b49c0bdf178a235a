"""The web app at /app: our own pages and scripts (api/webapp/static) and the libraries npm
installs from api/webapp's lock file (graph drawing, charts), all served by credgraph itself (no
CDN). Only the files named here are served: no directory listing, no path from the request."""

from __future__ import annotations

from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

WEBAPP_DIR = Path(__file__).resolve().parent / "webapp"
STATIC_DIR = WEBAPP_DIR / "static"
MODULES_DIR = WEBAPP_DIR / "node_modules"
# our files: the page, its style and its ES modules
STATIC_FILES = frozenset(
    {
        "style.css",
        "app.js",
        "api.js",
        "ui.js",
        "plan_graph.js",
        "pathways.js",
        "articulation.js",
        "suites.js",
    }
)
# the libraries, by the name the page uses -> the file npm installed
LIBRARIES = {
    "cytoscape.min.js": "cytoscape/dist/cytoscape.min.js",
    "cytoscape-dagre.min.js": "cytoscape-dagre/dist/cytoscape-dagre.min.js",
    "chart.umd.min.js": "chart.js/dist/chart.umd.min.js",
}
_TYPES = {
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".html": "text/html; charset=utf-8",
}
MISSING = (
    "the web app's libraries are not installed: run `make run` (or `npm ci --prefix api/webapp`) "
    "in the credgraph checkout"
)
# everything the page loads comes from credgraph; the API is on the same origin
_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'none'"
)
_HEADERS = {
    "content-security-policy": _POLICY,
    "x-content-type-options": "nosniff",
    "cache-control": "no-cache",
}


def _file(path: Path) -> Response:
    if not path.is_file():
        return PlainTextResponse(MISSING, status_code=404)
    media_type = _TYPES.get(path.suffix, "application/octet-stream")
    return FileResponse(path, media_type=media_type, headers=_HEADERS)


async def _page(request: Request) -> Response:
    return _file(STATIC_DIR / "index.html")


async def _static(request: Request) -> Response:
    name = request.path_params["name"]
    if name not in STATIC_FILES:
        return PlainTextResponse("no such file", status_code=404)
    return _file(STATIC_DIR / name)


async def _library(request: Request) -> Response:
    path = LIBRARIES.get(request.path_params["name"])
    if path is None:
        return PlainTextResponse("no such library", status_code=404)
    return _file(MODULES_DIR / path)


async def _slash(request: Request) -> Response:
    return RedirectResponse("/app/", status_code=308)


def webapp_routes() -> list[Route]:
    """/app/ (the page), /app/static/<file> and /app/lib/<library>."""
    return [
        Route("/app", _slash, methods=["GET"]),
        Route("/app/", _page, methods=["GET"]),
        Route("/app/static/{name}", _static, methods=["GET"]),
        Route("/app/lib/{name}", _library, methods=["GET"]),
    ]
