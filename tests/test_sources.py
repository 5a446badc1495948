"""Sources: files, directories, JSON Lines and stdin become raw documents, never exceptions."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from sitrep.sources.files import RawDocument, iter_documents, read_meta


def _docs(*paths: str | Path, **kwargs: object) -> list[RawDocument]:
    return list(iter_documents(list(paths), **kwargs))  # type: ignore[arg-type]


def test_text_and_html_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Plain words.", encoding="utf-8")
    (tmp_path / "b.html").write_text("<html><body><p>Hi</p></body></html>", encoding="utf-8")
    (tmp_path / "c.dat").write_bytes(b"unknown extension")
    docs = _docs(tmp_path)
    assert [(d.id, d.kind) for d in docs] == [("a", "text"), ("b", "html"), ("c", "auto")]
    assert docs[0].data == b"Plain words." and docs[0].error is None
    assert docs[0].origin == str(tmp_path / "a.txt")


def test_directory_order_skips_meta_and_hidden(tmp_path: Path) -> None:
    sub = tmp_path / "sub"
    sub.mkdir()
    (tmp_path / "z.txt").write_text("z", encoding="utf-8")
    (tmp_path / "m.txt").write_text("m", encoding="utf-8")
    (tmp_path / "m.meta.json").write_text("{}", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("h", encoding="utf-8")
    (sub / "s.txt").write_text("s", encoding="utf-8")
    assert [d.id for d in _docs(tmp_path)] == ["m", "s", "z"]
    assert [d.id for d in _docs(tmp_path, recursive=False)] == ["m", "z"]


def test_ids_unique_within_batch(tmp_path: Path) -> None:
    for name in ("one", "two"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "doc.txt").write_text(name, encoding="utf-8")
    assert [d.id for d in _docs(tmp_path)] == ["doc", "doc~2"]


def test_meta_json_merged_and_defaults_fill_gaps(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Text.", encoding="utf-8")
    (tmp_path / "a.meta.json").write_text(
        json.dumps({"published": "2023-05-23", "title": "T", "publisher": "Outlet"}),
        encoding="utf-8",
    )
    (tmp_path / "b.txt").write_text("Text.", encoding="utf-8")
    docs = _docs(tmp_path, defaults={"published": "2020-01-01", "language": "en"})
    assert docs[0].meta == {
        "published": "2023-05-23",
        "title": "T",
        "source": "Outlet",
        "language": "en",
    }
    assert docs[1].meta == {"published": "2020-01-01", "language": "en"}


def test_invalid_meta_json_is_reported_not_raised(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Text.", encoding="utf-8")
    (tmp_path / "a.meta.json").write_text("{not json", encoding="utf-8")
    assert "meta_error" in read_meta(tmp_path / "a.txt")
    assert _docs(tmp_path)[0].error is None


def test_jsonl_bad_line_does_not_stop_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(
        "\n".join(
            [
                json.dumps({"id": "x1", "text": "First.", "published": "2023-05-23"}),
                "this is not json",
                json.dumps({"html": "<p>Second</p>", "url": "https://example.org/a"}),
                "",
                json.dumps({"id": "x4", "title": "no body"}),
            ]
        ),
        encoding="utf-8",
    )
    docs = _docs(path)
    assert [d.id for d in docs] == ["x1", "feed:2", "feed:3", "x4"]
    assert docs[0].text == "First." and docs[0].meta["published"] == "2023-05-23"
    assert docs[1].error == "invalid JSON on line 2"
    assert docs[2].kind == "html" and docs[2].meta["url"] == "https://example.org/a"
    assert docs[3].error is not None and "line 5" in docs[3].error


def test_empty_file_is_a_document_not_an_error(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (doc,) = _docs(tmp_path)
    assert doc.data == b"" and doc.error is None  # the extract stage skips it as "empty"


def test_too_large(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_bytes(b"x" * 2000)
    (doc,) = _docs(tmp_path, max_bytes=1000)
    assert doc.error is not None and doc.error.startswith("too large") and doc.data is None


def test_missing_path_and_dangling_symlink(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text("fine", encoding="utf-8")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    docs = _docs(tmp_path, tmp_path / "absent.txt")
    by_id = {d.id: d for d in docs}
    assert by_id["ok"].error is None
    assert by_id["dangling"].error == "not found"
    assert by_id["absent"].error == "not found"


def test_unreadable_file(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("hidden", encoding="utf-8")
    (tmp_path / "ok.txt").write_text("fine", encoding="utf-8")
    secret.chmod(0)
    try:
        docs = {d.id: d for d in _docs(tmp_path)}
    finally:
        secret.chmod(0o644)
    assert docs["ok"].error is None
    if os.geteuid() == 0:
        pytest.skip("root reads files whatever their mode")
    assert docs["secret"].error == "unreadable: permission denied"


def test_vanished_directory(tmp_path: Path) -> None:
    (doc,) = _docs(tmp_path / "gone", tmp_path / "gone" / "x.txt")[:1]
    assert doc.error == "not found"


def test_stdin_text_and_jsonl() -> None:
    (doc,) = _docs("-", stdin=io.BytesIO(b"Some text from a pipe."))
    assert doc.id == "stdin" and doc.data == b"Some text from a pipe."
    lines = b'{"id": "a", "text": "One."}\n{"id": "b", "text": "Two."}\n'
    assert [d.id for d in _docs("-", stdin=io.BytesIO(lines))] == ["a", "b"]
