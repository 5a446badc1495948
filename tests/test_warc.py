"""WARC reader: response records with HTTP headers, skips with reasons, damaged archives."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.sources.warc import WarcPage, is_warc_path, iter_warc, write_warc

PAGE = (
    "<html><head><title>Harbour reopens</title></head><body><article>"
    "<p>The harbour at Eastport reopened on Tuesday after a week of repairs, officials said.</p>"
    "</article></body></html>"
)


def _pages() -> list[WarcPage]:
    return [
        WarcPage("https://news.example/a", PAGE.encode(), date="2024-03-05T10:00:00Z"),
        WarcPage("https://news.example/logo.png", b"\x89PNG\r\n\x1a\n....", "image/png"),
        WarcPage(
            "https://news.example/old",
            b"",
            status=301,
            extra_headers=(("Location", "https://news.example/new"),),
        ),
        WarcPage("https://news.example/gone", b"not here", status=404),
        WarcPage(
            "https://news.example/latin",
            "<html><body><p>Caf\xe9 owners in S\xe3o Paulo protested.</p></body></html>".encode(
                "latin-1"
            ),
            "text/html; charset=ISO-8859-1",
        ),
        WarcPage("https://news.example/b", PAGE.replace("Eastport", "Westport").encode()),
    ]


@pytest.fixture(params=["t.warc.gz", "t.warc"])
def archive(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    path = tmp_path / request.param
    write_warc(path, _pages())
    return path


def test_reads_responses_with_meta(archive: Path) -> None:
    recs = list(iter_warc(archive))
    assert [r.raw.meta["url"] for r in recs] == [p.url for p in _pages()]
    first = recs[0].raw
    assert first.kind == "html" and first.data == PAGE.encode() and first.error is None
    assert first.meta["content_type"] == "text/html"
    assert first.meta["charset"] == "utf-8"
    assert first.meta["crawled"] == "2024-03-05T10:00:00Z"
    assert first.meta["http_status"] == 200
    assert first.origin.endswith(f"@{recs[0].offset}")
    assert len({r.raw.id for r in recs}) == len(recs)


def test_skips_with_reasons(archive: Path) -> None:
    by_url = {r.raw.meta["url"]: r.raw for r in iter_warc(archive)}
    assert by_url["https://news.example/logo.png"].meta["skip"] == "not HTML: image/png"
    assert by_url["https://news.example/logo.png"].data is None
    redirect = by_url["https://news.example/old"]
    assert redirect.meta["skip"].startswith("redirect 301")
    assert redirect.meta["redirect"] == "https://news.example/new"
    assert by_url["https://news.example/gone"].meta["skip"] == "http status 404"
    latin = by_url["https://news.example/latin"]
    assert latin.meta["charset"] == "iso-8859-1" and b"Caf\xe9" in (latin.data or b"")


def test_resume_from_offset(archive: Path) -> None:
    recs = list(iter_warc(archive))
    again = list(iter_warc(archive, start=recs[2].next_offset))
    assert [r.raw.id for r in again] == [r.raw.id for r in recs[3:]]
    assert list(iter_warc(archive, start=recs[-1].next_offset)) == []


def test_truncated_archive_never_raises(archive: Path, tmp_path: Path) -> None:
    recs = list(iter_warc(archive))
    data = archive.read_bytes()
    cut = tmp_path / ("cut" + "".join(archive.suffixes))
    middle = (recs[4].offset + recs[4].next_offset) // 2
    cut.write_bytes(data[:middle])
    got = list(iter_warc(cut))
    assert [r.raw.meta.get("url") for r in got[:4]] == [p.url for p in _pages()[:4]]
    assert got[-1].raw.error and "truncated" in got[-1].raw.error


def test_corrupt_record_is_recorded_and_reading_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "t.warc.gz"
    write_warc(path, _pages())
    recs = list(iter_warc(path))
    data = path.read_bytes()
    # the gzip member of record 2 cut short, followed by the intact rest
    bad = tmp_path / "bad.warc.gz"
    bad.write_bytes(data[: recs[2].offset + 40] + data[recs[3].offset :])
    got = list(iter_warc(bad))
    urls = [r.raw.meta.get("url") for r in got]
    assert "https://news.example/b" in urls and "https://news.example/a" in urls
    errors = [r.raw.error for r in got if r.raw.error]
    assert len(errors) == 1 and "offset" in errors[0]


def test_too_large_page(tmp_path: Path) -> None:
    path = tmp_path / "big.warc.gz"
    write_warc(path, [WarcPage("https://news.example/big", b"<p>" + b"x" * 5000 + b"</p>")])
    (rec,) = list(iter_warc(path, max_bytes=1000))
    assert rec.raw.error and rec.raw.error.startswith("too large")


def test_missing_file_and_garbage(tmp_path: Path) -> None:
    (rec,) = list(iter_warc(tmp_path / "none.warc.gz"))
    assert rec.raw.error and "unreadable" in rec.raw.error
    junk = tmp_path / "junk.warc"
    junk.write_bytes(b"this is not an archive\n" * 10)
    got = list(iter_warc(junk))
    assert len(got) == 1 and got[0].raw.error


def test_is_warc_path() -> None:
    assert is_warc_path("CC-NEWS-2024.warc.gz") and is_warc_path("x.WARC")
    assert not is_warc_path("x.html")
