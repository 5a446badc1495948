"""Run only the extract stage over documents and write the bench contract (id, text, title,
published) as JSON Lines.

Usage: python benchmarks/extract_only.py INPUTS OUT.jsonl [--workers N] [--page-meta]
       [--spacy-ratio]
Then e.g.: python3 ../shared/bench/extract/score.py OUT.jsonl

``--page-meta``: for HTML inputs, count the pages whose extracted title and date agree with the
page's own metadata (title: og:title, twitter:title, a JSON-LD headline or the first <h1>; date:
the first of article:published_time / datePublished / <time datetime>), ws-normalised, by day.
``--spacy-ratio``: extraction time as a share of spaCy time, measured in the same run, two
ways: whole processes (a fresh interpreter extracting everything, imports included, against a
fresh interpreter loading the spaCy model and parsing the extracted texts), and the stage alone
(in-process extraction time against ``nlp.pipe`` time on the same texts).
"""

from __future__ import annotations

import argparse
import html
import json
import re
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from sitrep.errors import SitrepError
from sitrep.model import Article
from sitrep.sources.files import RawDocument, iter_documents
from sitrep.stages.base import Analysis
from sitrep.stages.extract import ExtractStage

_STAGE: ExtractStage | None = None


def _one(raw: RawDocument) -> dict[str, Any]:
    global _STAGE
    if _STAGE is None:
        _STAGE = ExtractStage()
    analysis = Analysis(article=Article(id=raw.id, origin=raw.origin), raw=raw)
    t0 = time.perf_counter()
    try:
        article = _STAGE(analysis).article
        outcome = str(article.outcome)
    except SitrepError as exc:
        article, outcome = analysis.article, f"{exc.code}:{exc}"
    return {
        "id": raw.id,
        "text": article.text,
        "title": article.title,
        "published": article.published.isoformat() if article.published else None,
        "outcome": outcome,
        "seconds": round(time.perf_counter() - t0, 3),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("inputs", nargs="+")
    ap.add_argument("out")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--page-meta", action="store_true", help="title/date vs the page's metadata")
    ap.add_argument("--spacy-ratio", action="store_true", help="extraction time / spaCy time")
    args = ap.parse_args()
    docs = list(iter_documents(args.inputs))
    t0 = time.perf_counter()
    if args.workers > 1:
        with ProcessPoolExecutor(args.workers) as pool:
            rows = list(pool.map(_one, docs, chunksize=4))
    else:
        rows = [_one(d) for d in docs]
    elapsed = time.perf_counter() - t0
    with open(args.out, "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    slow = sorted(rows, key=lambda r: -r["seconds"])[:3]
    not_ok = sum(1 for r in rows if r["outcome"] != "ok")
    print(
        f"{len(rows)} documents in {elapsed:.1f}s ({args.workers} workers), {not_ok} not ok; "
        f"slowest: {[(r['id'], r['seconds']) for r in slow]}",
        file=sys.stderr,
    )
    if args.page_meta:
        _page_meta(docs, rows)
    if args.spacy_ratio:
        _spacy_ratio(args.inputs, rows, elapsed)


# ---- title and date against the page's own metadata ------------------------------------------


def _norm(value: str | None) -> str:
    return " ".join(html.unescape(value or "").split())


def _page_meta(docs: list[RawDocument], rows: list[dict[str, Any]]) -> None:
    from lxml import html as lxml_html

    title_ok = date_ok = date_n = 0
    for doc, row in zip(docs, rows, strict=True):
        page = doc.data or (doc.text or "").encode()
        tree = lxml_html.fromstring(page)
        source = page.decode("utf-8", "replace")
        titles = {
            _norm(t)
            for t in tree.xpath(
                '//meta[@property="og:title" or @name="twitter:title" or '
                '@property="twitter:title"]/@content'
            )
        }
        for m in re.findall(r'"headline"\s*:\s*"((?:[^"\\]|\\.)*)"', source):
            titles.add(_norm(json.loads(f'"{m}"')))
        titles.update(_norm(h.text_content()) for h in tree.xpath("//h1")[:1])
        dates = tree.xpath(
            '//meta[@property="article:published_time" or @name="article:published_time" or '
            '@itemprop="datePublished"]/@content'
        )
        dates += re.findall(r'"datePublished"\s*:\s*"([^"]+)"', source)
        dates += tree.xpath("//time/@datetime")[:1]
        days = [d[:10] for d in dates if re.match(r"(?:1[5-9]|20)\d\d-\d\d-\d\d", d)]
        title_ok += _norm(row["title"]) in titles - {""}
        if days:
            date_n += 1
            date_ok += row["published"] == days[0]
        else:
            print(f"  {row['id']}: no date in the page's metadata", file=sys.stderr)
    print(f"title agrees with the page's metadata: {title_ok}/{len(rows)}")
    print(f"published agrees with the page's metadata: {date_ok}/{date_n} (pages with a date)")


# ---- time against spaCy ----------------------------------------------------------------------


def _spacy_ratio(inputs: list[str], rows: list[dict[str, Any]], stage_s: float) -> None:
    from sitrep.settings import load_settings
    from sitrep.stages.nlp import load_nlp

    settings = load_settings()
    texts = [r["text"] for r in rows if r["text"]]
    with tempfile.TemporaryDirectory() as tmp:
        out = f"{tmp}/extract.jsonl"
        t0 = time.perf_counter()
        subprocess.run([sys.executable, __file__, *inputs, out], check=True, capture_output=True)
        extract_proc_s = time.perf_counter() - t0
        texts_path = f"{tmp}/texts.json"
        with open(texts_path, "w", encoding="utf-8") as f:
            json.dump(texts, f)
        code = (
            "import json, sys\n"
            "from sitrep.stages.nlp import load_nlp\n"
            f"nlp = load_nlp({settings.model!r})\n"
            f"texts = json.load(open({texts_path!r}, encoding='utf-8'))\n"
            f"for _ in nlp.pipe(texts, batch_size={settings.batch_size}): pass\n"
        )
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
        spacy_proc_s = time.perf_counter() - t0
    nlp = load_nlp(settings.model)
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=settings.batch_size):
        pass
    spacy_s = time.perf_counter() - t0
    words = sum(len(t.split()) for t in texts)
    print(f"documents {len(rows)}, words {words}")
    print(
        f"whole processes: extraction {extract_proc_s:.2f}s, spaCy {spacy_proc_s:.2f}s, "
        f"ratio {100 * extract_proc_s / spacy_proc_s:.1f}%"
    )
    print(
        f"stage alone: extraction {stage_s:.2f}s, spaCy nlp.pipe {spacy_s:.2f}s, "
        f"ratio {100 * stage_s / spacy_s:.1f}%"
    )


if __name__ == "__main__":
    main()
