"""GraphiQL without a CDN: strawberry's GraphiQL page names its scripts and styles on unpkg.com,
so on a network without that access it is a blank page. The same files, at the same versions, are
installed by npm into `api/graphiql/node_modules` (the README's two commands do it) and served by
credgraph at `/graphiql/assets/...`; the page is rewritten to load them from there, keeping its
subresource-integrity hashes, which the local copies match byte for byte."""

from __future__ import annotations

import re
from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, Response
from starlette.routing import Route

ASSETS_DIR = Path(__file__).resolve().parent / "graphiql" / "node_modules"
PREFIX = "/graphiql/assets/"
# https://unpkg.com/<package>@<version>/<path>, the package possibly scoped (@graphiql/...)
_CDN = re.compile(r"https://unpkg\.com/((?:@[a-z0-9-]+/)?[a-z0-9.-]+)@[0-9][^/\"]*/([^\"]+)")
_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}
MISSING = (
    "GraphiQL's assets are not installed: run `make run` (or `npm ci --prefix api/graphiql`) "
    "in the credgraph checkout"
)


def local_page(html: str) -> tuple[str, frozenset[str]]:
    """The page with every unpkg.com asset pointed at credgraph, and the asset paths it names;
    the page unchanged (CDN links) where the assets are not installed (an installed wheel
    without npm's copies), so that it is never worse than strawberry's."""
    named: set[str] = set()

    def local(match: re.Match[str]) -> str:
        path = f"{match.group(1)}/{match.group(2)}"
        named.add(path)
        return PREFIX + path

    page = _CDN.sub(local, html)
    if not all((ASSETS_DIR / path).is_file() for path in named):
        return html, frozenset()
    return page, frozenset(named)


def asset_route(named: frozenset[str]) -> Route:
    """Serves exactly the assets the page names (nothing else under node_modules)."""

    async def asset(request: Request) -> Response:
        """One GraphiQL asset file, with its content type."""
        path = request.path_params["path"]
        if path not in named:
            return PlainTextResponse("no such asset", status_code=404)
        file = ASSETS_DIR / path
        if not file.is_file():
            return PlainTextResponse(MISSING, status_code=404)
        return FileResponse(
            file,
            media_type=_TYPES.get(file.suffix, "application/octet-stream"),
            # versioned by the page (and checked by its integrity hashes): cache for a year
            headers={"cache-control": "public, max-age=31536000, immutable"},
        )

    return Route(PREFIX + "{path:path}", asset, methods=["GET"])
