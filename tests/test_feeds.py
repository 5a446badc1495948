"""RSS/Atom reader and source registry (no network: URLs are served by a local thread)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest

from sitrep.sources import feeds
from sitrep.sources.feeds import USER_AGENT, iter_feed
from sitrep.sources.registry import iter_raw, open_sources
from sitrep.sources.warc import WarcPage, write_warc

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Valley Gazette</title><link>https://gazette.example/</link>
<item><title>Bridge closed after flood</title><link>https://gazette.example/bridge</link>
<guid>bridge-1</guid><pubDate>Tue, 05 Mar 2024 08:00:00 GMT</pubDate>
<description>Short summary.</description>
<content:encoded><![CDATA[<p>The old bridge over the river was closed on Monday after
floodwater damaged its supports, the county engineer said.</p>]]></content:encoded></item>
<item><title>Council meets</title><link>https://gazette.example/council</link>
<description>The council met to discuss the budget.</description></item>
<item><title>Link only</title><link>https://gazette.example/empty</link></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Hill Times</title>
<entry><title>Road reopens</title><id>tag:hill.example,2024:1</id>
<link href="https://hill.example/road"/><updated>2024-03-06T09:00:00Z</updated>
<content type="html">&lt;p&gt;The mountain road reopened.&lt;/p&gt;</content></entry>
</feed>"""


def test_rss_items(tmp_path: Path) -> None:
    path = tmp_path / "gazette.rss"
    path.write_text(RSS, encoding="utf-8")
    docs = list(iter_feed(path))
    assert len(docs) == 3
    first = docs[0]
    assert first.kind == "html" and "old bridge" in (first.text or "")
    assert first.meta["url"] == "https://gazette.example/bridge"
    assert first.meta["title"] == "Bridge closed after flood"
    assert first.meta["published"] == "2024-03-05"
    assert first.meta["source"] == "Valley Gazette"
    assert docs[1].text == "The council met to discuss the budget."
    assert docs[2].meta["skip"] == "no content in feed item" and docs[2].text is None
    assert len({d.id for d in docs}) == 3


def test_atom(tmp_path: Path) -> None:
    path = tmp_path / "hill.atom"
    path.write_text(ATOM, encoding="utf-8")
    (doc,) = list(iter_feed(path))
    assert doc.meta["published"] == "2024-03-06" and "mountain road" in (doc.text or "")


def test_bad_feeds(tmp_path: Path) -> None:
    (missing,) = list(iter_feed(tmp_path / "none.xml"))
    assert missing.error and "unreadable" in missing.error
    junk = tmp_path / "junk.xml"
    junk.write_bytes(b"\x00\x01 not xml at all <<<")
    (bad,) = list(iter_feed(junk))
    assert bad.error


@pytest.fixture
def server() -> Iterator[tuple[str, list[str]]]:
    agents: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            agents.append(self.headers.get("User-Agent", ""))
            body = RSS.encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    httpd = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}/feed", agents
    httpd.shutdown()


def test_feed_url_is_fetched_politely(server: tuple[str, list[str]]) -> None:
    url, agents = server
    docs = list(iter_feed(url, timeout=5))
    assert len(docs) == 3 and agents == [USER_AGENT]


def test_unreachable_url_is_recorded(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> bytes:
        raise OSError("connection refused")

    monkeypatch.setattr(feeds, "fetch", refuse)
    (doc,) = list(iter_feed("https://feeds.example/rss"))
    assert doc.error and "connection refused" in doc.error


def test_registry_picks_readers(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Plain text story.", encoding="utf-8")
    (tmp_path / "feed.xml").write_text(RSS, encoding="utf-8")
    write_warc(tmp_path / "crawl.warc.gz", [WarcPage("https://x.example/", b"<p>Hi</p>")])
    lines = '{"id": "j1", "text": "One."}\n{"id": "j2", "text": "Two."}\n'
    (tmp_path / "more.jsonl").write_text(lines, encoding="utf-8")
    sources = open_sources([tmp_path, "https://feeds.example/rss"])
    kinds = sorted((s.kind, Path(s.name).name) for s in sources)
    assert kinds == [
        ("feed", "feed.xml"),
        ("feed", "rss"),
        ("files", tmp_path.name),
        ("warc", "crawl.warc.gz"),
    ]
    files = next(s for s in sources if s.kind == "files")
    ids = [r.raw.id for r in files.records()]
    assert ids == ["a", "j1", "j2"]
    jsonl = open_sources([tmp_path / "more.jsonl"])[0]
    assert jsonl.seekable and [r.raw.id for r in jsonl.records(1)] == ["j2"]
    raws = list(iter_raw([tmp_path / "crawl.warc.gz", tmp_path / "feed.xml"]))
    assert [r.meta.get("url") for r in raws][:2] == [
        "https://x.example/",
        "https://gazette.example/bridge",
    ]
