"""CASE without the corpus: the synthetic 1.1 package (association types no sample has), the MIT
OpenSALT draft-shape sample, and packages fetched from a CASE server over HTTP."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from graph.container import Graph
from graph.models import AlignmentMatch
from graph.relations import RelType
from importers.base import SourceError, apply
from importers.case import package_url, parse
from tests.conftest import graph_counts

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "case"
SYNTHETIC = FIXTURES / "synthetic-case-1.1.json"
DOC = "c0a5e000-0000-4000-8000-000000000001"
LOOPBACK = ("127.0.0.1",)  # the operator's allow-list (CREDGRAPH_IMPORT_HOSTS) for these tests


def _short(value: str) -> str:
    return value[-3:]


def test_every_association_type_of_the_synthetic_package() -> None:
    batch = parse([SYNTHETIC])
    aligns = {
        (_short(lk.from_id), _short(lk.to_id)): (
            getattr(lk.props, "match", None),
            getattr(lk.props, "raw_type", None),
        )
        for lk in batch.links[RelType.ALIGNS]
    }
    assert aligns == {
        ("012", "013"): (AlignmentMatch.CLOSE, None),  # isPeerOf
        ("014", "012"): (AlignmentMatch.RELATED, "replacedBy"),
        ("012", "015"): (AlignmentMatch.RELATED, "hasSkillLevel"),
        ("013", "099"): (AlignmentMatch.RELATED, "ext:isPartOfCluster"),  # CASE 1.1 extension
        ("012", "099"): (AlignmentMatch.EXACT, None),  # exactMatchOf, to an outside item
    }
    # the top item's isChildOf points at the document: no BROADER edge for it
    assert {(_short(lk.from_id), _short(lk.to_id)) for lk in batch.links[RelType.BROADER]} == {
        ("012", "011"),
        ("013", "011"),
    }
    # 013 precedes 012: 012 requires 013
    assert [(_short(lk.from_id), _short(lk.to_id)) for lk in batch.links[RelType.REQUIRES]] == [
        ("012", "013")
    ]
    stubs = [n for n in batch.nodes if getattr(n, "external", False)]
    assert [(s.id[-3:], s.name) for s in stubs] == [("099", "Outside item")]


def test_document_urls_become_package_urls() -> None:
    base = "https://case.example.org/ims/case/v1p1"
    assert package_url(f"{base}/CFDocuments/{DOC}") == f"{base}/CFPackages/{DOC}"
    assert package_url(f"{base}/CFPackages/{DOC}") == f"{base}/CFPackages/{DOC}"


class _CaseServer(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        routes = {
            f"/ims/case/v1p0/CFPackages/{DOC}": SYNTHETIC,
            "/ims/case/v1p1/CFPackages/legacy": FIXTURES
            / "opensalt_legacy_what_standards_could_be.json",
        }
        if self.path == "/elsewhere":  # a redirect to the same server by another host name
            port = self.headers["Host"].rsplit(":", 1)[1]
            self.send_response(302)
            self.send_header("Location", f"http://localhost:{port}/ims/case/v1p0/CFPackages/{DOC}")
            self.end_headers()
            return
        path = routes.get(self.path)
        if path is None:
            self.send_error(404, "no such package")
            return
        body = path.read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture
def case_server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _CaseServer)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/ims/case"
    server.shutdown()
    server.server_close()


async def test_packages_from_a_case_server_equal_the_files(
    empty_graph: Graph, case_server: str
) -> None:
    urls = [f"{case_server}/v1p0/CFDocuments/{DOC}", f"{case_server}/v1p1/CFPackages/legacy"]
    from_server = parse(urls, allowed_hosts=LOOPBACK)
    from_files = parse([SYNTHETIC, FIXTURES / "opensalt_legacy_what_standards_could_be.json"])
    assert [n.model_dump() for n in from_server.nodes] == [n.model_dump() for n in from_files.nodes]
    first = await apply(empty_graph.nodes, from_server)
    assert first.created == len({n.id for n in from_files.nodes})
    counts = await graph_counts(empty_graph)
    again = await apply(empty_graph.nodes, parse(urls, allowed_hosts=LOOPBACK))
    assert (again.created, again.updated) == (0, 0) and await graph_counts(empty_graph) == counts


async def test_a_missing_package_loads_nothing(empty_graph: Graph, case_server: str) -> None:
    urls = [f"{case_server}/v1p0/CFPackages/{DOC}", f"{case_server}/v1p1/CFPackages/nope"]
    with pytest.raises(SourceError) as caught:
        await apply(empty_graph.nodes, parse(urls, allowed_hosts=LOOPBACK))
    assert caught.value.file == urls[1] and caught.value.where == "HTTP 404"
    assert await graph_counts(empty_graph) == (0, 0)
    with pytest.raises(SourceError, match="No such file"):
        parse(["/nonexistent/package.json"])


def test_a_host_not_allowed_is_never_fetched(case_server: str) -> None:
    url = f"{case_server}/v1p0/CFPackages/{DOC}"
    with pytest.raises(SourceError, match="not an allowed host") as caught:
        parse([url])  # nothing allowed by default
    assert caught.value.field_name == "host"
    with pytest.raises(SourceError, match="not an allowed host"):
        parse([url], allowed_hosts=("localhost", "127.0.0.1:1"))  # another port is not it
    assert parse([url], allowed_hosts=(f"127.0.0.1:{url.split(':')[2].split('/')[0]}",)).nodes


def test_a_redirect_to_a_host_not_allowed_is_not_followed(case_server: str) -> None:
    elsewhere = case_server.removesuffix("/ims/case") + "/elsewhere"
    with pytest.raises(SourceError, match="a redirect to a host not allowed") as caught:
        parse([elsewhere], allowed_hosts=LOOPBACK)
    assert caught.value.file.startswith("http://localhost:")
    followed = parse([elsewhere], allowed_hosts=(*LOOPBACK, "localhost"))
    assert [n.id for n in followed.nodes] == [n.id for n in parse([SYNTHETIC]).nodes]
