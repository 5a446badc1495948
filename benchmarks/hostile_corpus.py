"""A seeded hostile corpus, and a run of ``sitrep analyze`` and ``sitrep ingest`` over it.

    python benchmarks/hostile_corpus.py generate DIR [--scale full|ci] [--seed 17]
    python benchmarks/hostile_corpus.py run DIR [--scale full|ci]   # generate, analyse, ingest

The corpus holds every kind of bad input an archive has (empty files, binary junk, truncated and
valid gzip, multi-megabyte single lines, HTML nested 10,000 and 50,000 levels, invalid UTF-8,
UTF-16 without BOM, mixed encodings, control characters, right-to-left text, emoji floods, a
100k-token sentence, 30 and 55 MB pages, broken JSON Lines, lone surrogates in JSON, bad meta
files, odd file names, other languages, runs of ``<``/``=``/``(``) plus good news articles
written for the project (``examples/`` and the articles below), under ``good-*`` names.

``--scale full`` writes 1,000+ files at full size; ``--scale ci`` the same kinds, fewer and
smaller (huge pages of 3 and 6 MB with ``max_bytes`` at 5 MB), for the ``slow`` test.

``run`` prints, as JSON: exit codes, seconds, peak memory (the largest child's maximum resident
set), outcomes by reason, the slowest document (a timed in-process pass, one document at a
time) and whether every good article is ``ok`` and identical to a clean run over the good
articles alone.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"

GOOD_ARTICLES = {
    "good-ferry": (
        "Ferry service resumes after storm\n\n"
        "The island ferry resumed its crossings on Thursday morning, two days after a storm "
        "closed the harbour, the operator said in a statement.\n\n"
        '"Our crews have checked every berth and the boats are safe," the operator\'s director, '
        "Maria Keller, told reporters at the quay. She said extra sailings would run over the "
        "weekend to clear the backlog of passengers.\n\n"
        "The storm brought down power lines across the island and flooded several roads near "
        "the port, according to the local council."
    ),
    "good-strike": (
        "Teachers strike over pay in the capital\n\n"
        "Thousands of teachers marched through the capital on Monday, demanding a pay rise "
        "that keeps pace with prices, union leaders said.\n\n"
        "The education ministry said it had offered a four percent increase and called the "
        'strike unnecessary. Union spokesman Daniel Ortiz said the offer was "far below what '
        'teachers have lost over three years."\n\n'
        "Police said the protest was peaceful and no arrests were made."
    ),
    "good-clash": (
        "Clashes reported near border town\n\n"
        "Armed men attacked a police post outside the border town of Dara on Saturday night, "
        "killing two officers, the provincial governor said on Sunday.\n\n"
        "The governor blamed a rebel group operating in the hills, which denied any role in a "
        "message posted on social media. Residents said gunfire lasted about an hour."
    ),
    "good-election": (
        "Opposition wins regional vote\n\n"
        "The opposition alliance won the regional election on Sunday with 52 percent of the "
        "vote, the electoral commission announced on Monday.\n\n"
        "The outgoing governor conceded defeat and said he would cooperate with the transition. "
        'Observers said the vote was "orderly and transparent."'
    ),
}

RUSSIAN = (
    "Власти региона заявили во вторник, что два беспилотника атаковали нефтебазу у границы. "
    "Пожар потушили через несколько часов, пострадавших нет. "
)
ARABIC = "قالت السلطات المحلية إن طائرتين مسيرتين هاجمتا مستودعا للوقود قرب الحدود يوم الثلاثاء. "
HEBREW = "הרשויות המקומיות אמרו כי שני כטבמים תקפו מחסן דלק ליד הגבול ביום שלישי. "
CHINESE = "地方当局周二表示，两架无人机袭击了边境附近的一个燃料库，大火持续了数小时。"
SPANISH = (
    "Las autoridades regionales dijeron el martes que dos drones atacaron un depósito de "
    "combustible cerca de la frontera, y el incendio duró varias horas. "
)
GERMAN = (
    "Die Behörden der Region teilten am Dienstag mit, dass zwei Drohnen ein Treibstofflager "
    "nahe der Grenze angegriffen hätten; das Feuer brannte mehrere Stunden. "
)
NEWS_LINE = (
    "Officials said on Tuesday that the talks would continue next week in the capital, "
    "according to a statement released by the ministry. "
)


@dataclass
class Scale:
    name: str
    copies: int  # files per small kind
    big_line: int  # bytes of a single-line file
    pages: tuple[int, int]  # the two huge pages (bytes)
    max_bytes: int  # the max_bytes setting for the run
    nest: tuple[int, int] = (10_000, 50_000)
    sentence_tokens: int = 100_000


SCALES = {
    "full": Scale("full", 40, 5_000_000, (30_000_000, 55_000_000), 50_000_000),
    "ci": Scale("ci", 4, 500_000, (3_000_000, 6_000_000), 5_000_000),
}


@dataclass
class Corpus:
    directory: Path
    files: list[Path] = field(default_factory=list)
    good: list[str] = field(default_factory=list)  # names of the good articles

    def write(self, name: str | bytes, data: bytes | str) -> Path:
        base = os.fsencode(self.directory)
        raw = name if isinstance(name, bytes) else name.encode("utf-8")
        path = Path(os.fsdecode(base + b"/" + raw))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        if not path.name.endswith(".meta.json"):
            self.files.append(path)
        return path


def generate(directory: str | Path, *, scale: str = "ci", seed: int = 17) -> Corpus:
    """Write the corpus under ``directory`` (emptied first); deterministic for a seed."""
    sc = SCALES[scale]
    rng = random.Random(seed)
    out = Path(directory)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    c = Corpus(out)
    n = sc.copies

    # good articles: the project's examples (with their meta files) and the ones above
    for src in sorted(EXAMPLES.glob("*.txt")):
        c.write(f"good-{src.name}", src.read_bytes())
        c.good.append(f"good-{src.stem}")
        meta = src.with_name(src.stem + ".meta.json")
        if meta.exists():
            c.write(f"good-{src.stem}.meta.json", meta.read_bytes())
    for name, text in GOOD_ARTICLES.items():
        c.write(f"{name}.txt", text)
        c.good.append(name)

    news = list(GOOD_ARTICLES.values())
    for i in range(n * 2):
        c.write(f"empty/empty-{i}.txt", b"" if i % 2 else b"  \n\t \n")
    for i in range(n * 5):
        c.write(f"junk/junk-{i}.bin", rng.randbytes(rng.choice([1, 3, 7, 64, 4096, 100_000])))
    for i in range(n * 5):  # 1-7 random bytes, named as text
        c.write(f"junk/tiny-{i}.txt", rng.randbytes(rng.randint(1, 7)))
    for i in range(n):
        whole = gzip.compress(news[i % len(news)].encode(), mtime=0)  # no clock in the bytes
        c.write(f"gzip/valid-{i}.txt.gz", whole)
        c.write(f"gzip/truncated-{i}.gz", whole[: len(whole) // 2])
    for i in range(max(2, n // 4)):
        line = (NEWS_LINE * (sc.big_line // len(NEWS_LINE) + 1))[: sc.big_line]
        c.write(f"big/single-line-{i}.txt", line)
        c.write(f"big/one-paragraph-{i}.html", f"<html><body><p>{line}</p></body></html>")
    for depth in sc.nest:
        inner = "<p>Deep text about a council meeting on Tuesday in the capital.</p>"
        page = "<html><body>" + "<div>" * depth + inner + "</div>" * depth + "</body></html>"
        c.write(f"nested/div-{depth}.html", page)
        c.write(f"nested/unclosed-{depth}.html", "<html><body>" + "<b><i>" * depth + "text")
    for i in range(n * 3):
        text = news[i % len(news)].encode()
        cut = rng.randrange(10, len(text) - 10)
        c.write(f"utf8/invalid-{i}.txt", text[:cut] + b"\xff\xfe\xc3(" + text[cut:])
    for i in range(n * 2):
        text = (RUSSIAN * 3) if i % 2 else news[i % len(news)]
        c.write(f"utf16/nobom-{i}.txt", text.encode("utf-16-le" if i % 4 < 2 else "utf-16-be"))
    for i in range(n * 2):
        c.write(
            f"mixed/mixed-{i}.txt",
            news[i % len(news)].encode("utf-8")
            + "\n\nCafé crème à la française – “quoted”.\n".encode("cp1252")
            + RUSSIAN.encode("koi8-r"),
        )
    for i in range(n * 3):
        text = news[i % len(news)]
        chars = list(text)
        for _ in range(rng.randint(1, 6)):
            chars.insert(rng.randrange(len(chars)), rng.choice("\x00\x01\x07\x08\x1b\x7f\x0b"))
        c.write(f"control/control-{i}.txt", "".join(chars))
    for i in range(n * 2):
        c.write(f"rtl/rtl-{i}.txt", (ARABIC if i % 2 else HEBREW) * 5 + "\u202e" + NEWS_LINE)
    for i in range(n):
        c.write(f"emoji/spaced-{i}.txt", "😀 🔥 🚀 " * (rng.randint(2_000, 20_000)))
        c.write(f"emoji/packed-{i}.txt", "😀🔥🚀👍🏽" * rng.randint(2_000, 50_000))
    words = [rng.choice(["the", "council", "said", "drone", "border", "talks"]) for _ in range(50)]
    sentence = " ".join(words[i % 50] for i in range(sc.sentence_tokens)) + "."
    c.write("sentence/100k-tokens.txt", sentence)
    for ch in "<>=(":
        c.write(f"runs/run-{ord(ch)}.txt", NEWS_LINE + ch * 40_000 + " " + NEWS_LINE)
    c.write("runs/tags.html", "<html><body>" + "<<>>" * 50_000 + "</body></html>")
    for i, size in enumerate(sc.pages):
        para = f"<p>{NEWS_LINE}</p>\n"
        c.write(f"huge/page-{i}.html", "<html><body>" + para * (size // len(para)) + "</body>")
    for i in range(n):
        lines = [
            json.dumps({"id": f"j{i}-ok", "text": news[i % len(news)]}),
            "{not json",
            "[1, 2, 3]",
            json.dumps({"id": f"j{i}-notext", "title": "no text here"}),
            json.dumps(
                {"id": f"j{i}-surrogate", "text": "Text \ud83d with a lone surrogate. " * 5}
            ),
            json.dumps({"id": f"j{i}-meta\ud800", "text": NEWS_LINE * 3, "title": "T\ud83d\x00"}),
            '{"id": "truncated", "text": "unterminated',
        ]
        c.write(f"jsonl/broken-{i}.jsonl", "\n".join(lines) + "\n")
    bad_meta: list[bytes] = [
        b"{not json",
        b"[1, 2]",
        json.dumps({"published": "0001-01-01", "title": ["a", "list"]}).encode(),
        json.dumps({"published": "9999-99-99", "url": 5, "source": {"x": 1}}).encode(),
        json.dumps({"published": "yesterday", "language": "xx-YY"}).encode(),
        b"\xff\xfe\x00garbage",
        json.dumps({"title": "T\ud83d", "url": "http://[bad"}).encode("utf-8", "surrogatepass"),
    ]
    for i in range(n * 2):
        name = f"meta/doc-{i}"
        c.write(f"{name}.txt", news[i % len(news)])
        c.write(f"{name}.meta.json", bad_meta[i % len(bad_meta)])
    odd: list[str | bytes] = [
        "odd/with space.txt",
        "odd/-leading-dash.txt",
        "odd/ünïcödé.txt",
        "odd/new\nline.txt",
        "odd/tab\tname.txt",
        b"odd/undecodable-\xff\xfe.txt",
        "odd/" + "x" * 240 + ".txt",
        "odd/no-extension",
        "odd/.hidden.txt",
        "odd/report.txt",
        "odd/sub/report.txt",
        "odd/dots...txt",
    ]
    for i, name in enumerate(odd):
        c.write(name, news[i % len(news)])
    langs = [RUSSIAN, CHINESE, SPANISH, GERMAN, ARABIC]
    for i in range(n * 3):
        c.write(f"lang/lang-{i}.txt", langs[i % len(langs)] * 4)
    for i in range(n):
        c.write(f"html/template-{i}.html", "<html><body><template><p>x</p></template></body>")
        c.write(f"html/noscript-{i}.html", "<html><body><noscript>Enable JS</noscript></body>")
    # filler: more of the cheap kinds until the full corpus has 1,000+ files
    i = 0
    while scale == "full" and len(c.files) < 1_020:
        kind = i % 4
        if kind == 0:
            c.write(f"filler/junk-{i}.bin", rng.randbytes(rng.randint(1, 2000)))
        elif kind == 1:
            c.write(f"filler/tiny-{i}.txt", rng.randbytes(rng.randint(1, 7)))
        elif kind == 2:
            c.write(f"filler/control-{i}.txt", news[i % len(news)].replace(" ", "\x01", 3))
        else:
            c.write(f"filler/lang-{i}.txt", langs[i % len(langs)] * 3)
        i += 1
    return c


# ---- running sitrep over it ----------------------------------------------------------------


def _env(sc: Scale) -> dict[str, str]:
    env = {**os.environ, "SITREP_MAX_BYTES": str(sc.max_bytes)}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), env.get("PYTHONPATH", "")])
    return env


def _sitrep(args: list[str], env: dict[str, str], timeout: float) -> tuple[int, str, str, float]:
    cmd = [sys.executable, "-c", "from sitrep.cli import main; main()", *args]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, env=env, timeout=timeout, check=False)
    return (
        proc.returncode,
        proc.stdout.decode("utf-8", "replace"),
        proc.stderr.decode("utf-8", "replace"),
        time.perf_counter() - t0,
    )


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def run(directory: str | Path, *, scale: str = "ci", timed: bool = True) -> dict[str, Any]:
    """Generate the corpus and run ``sitrep analyze`` and ``sitrep ingest`` over it."""
    from sitrep.sources.sanitize import sanitize_name

    sc = SCALES[scale]
    work = Path(directory)
    corpus = generate(work / "corpus", scale=scale)
    env = _env(sc)
    report: dict[str, Any] = {"files": len(corpus.files), "scale": scale}

    rc, out, err, secs = _sitrep(
        ["analyze", str(corpus.directory), "--format", "json", "--no-store"], env, 3600
    )
    records = json.loads(out) if rc == 0 else []
    report["analyze"] = {"rc": rc, "seconds": round(secs, 1), "records": len(records)}
    report["analyze_peak_mb"] = round(_peak_mb())
    if rc:
        report["analyze"]["stderr"] = err[-2000:]
    origins = [r.get("origin") or "" for r in records]
    missing = [
        str(p)
        for p in corpus.files
        if p.name.startswith(".") is False
        and not any(
            o == sanitize_name(str(p)) or o.startswith(sanitize_name(str(p)) + ":") for o in origins
        )
    ]
    report["files_without_outcome"] = missing[:20]
    report["outcomes_without_reason"] = [
        r["name"] for r in records if r["outcome"]["status"] != "ok" and not r["outcome"]["reason"]
    ]
    reasons: dict[str, int] = {}
    for r in records:
        o = r["outcome"]
        key = o["status"] + (":" + (o["reason"] or "").split(":", 1)[0][:40] if o["reason"] else "")
        reasons[key] = reasons.get(key, 0) + 1
    report["outcomes"] = dict(sorted(reasons.items(), key=lambda kv: -kv[1]))

    # every good article ok and identical to a clean run over the good articles alone
    clean = work / "clean"
    if clean.exists():
        shutil.rmtree(clean)
    clean.mkdir()
    for p in corpus.directory.glob("good-*"):
        shutil.copy(p, clean / p.name)
    rc2, out2, err2, secs2 = _sitrep(
        ["analyze", str(clean), "--format", "json", "--no-store"], env, 3600
    )
    report["clean"] = {"rc": rc2, "seconds": round(secs2, 1)}
    clean_by_name = {r["name"]: r for r in json.loads(out2)} if rc2 == 0 else {}
    hostile_by_name = {r["name"]: r for r in records}
    differs = []
    for name in corpus.good:
        a, b = hostile_by_name.get(name), clean_by_name.get(name)
        if a is None or b is None or a["outcome"]["status"] != "ok" or _core(a) != _core(b):
            differs.append(name)
    report["good"] = len(corpus.good)
    report["good_not_identical"] = differs

    db = work / "ingest.db"
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    rc3, out3, err3, secs3 = _sitrep(
        ["ingest", str(corpus.directory), "--db", str(db), "--json"], env, 3600
    )
    report["ingest"] = {"rc": rc3, "seconds": round(secs3, 1)}
    if rc3:
        report["ingest"]["stderr"] = err3[-2000:]
    else:
        summary = json.loads(out3[out3.index("{") :])
        report["ingest"]["summary"] = {
            k: summary.get(k) for k in ("total", "ok", "skipped", "failed", "duplicate")
        }
    report["peak_mb"] = round(_peak_mb())
    if timed:
        report["slowest"] = slowest_documents(corpus.directory, sc)
    return report


def _core(record: dict[str, Any]) -> dict[str, Any]:
    """A record without what depends on where and when it was read."""
    drop = {"id", "origin", "analysed_at", "story"}
    return {k: v for k, v in record.items() if k not in drop}


def slowest_documents(directory: Path, sc: Scale, top: int = 5) -> list[tuple[str, float]]:
    """Seconds per document in-process, one document per batch (the time between two results)."""
    from sitrep.pipeline import Pipeline
    from sitrep.settings import load_settings
    from sitrep.sources.files import iter_documents

    settings = load_settings({"batch_size": 1, "max_bytes": sc.max_bytes})
    pipeline = Pipeline(settings)
    times: list[tuple[str, float]] = []
    t0 = time.perf_counter()
    docs = iter_documents([directory], max_bytes=sc.max_bytes)
    for article in pipeline.analyze_raw(docs):
        t1 = time.perf_counter()
        times.append((article.origin or article.id, round(t1 - t0, 2)))
        t0 = t1
    return sorted(times, key=lambda x: -x[1])[:top]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["generate", "run"])
    parser.add_argument("directory")
    parser.add_argument("--scale", choices=sorted(SCALES), default="ci")
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--untimed", action="store_true", help="skip the per-document pass")
    args = parser.parse_args()
    if args.command == "generate":
        corpus = generate(args.directory, scale=args.scale, seed=args.seed)
        print(f"{len(corpus.files)} files ({len(corpus.good)} good) in {corpus.directory}")
    else:
        print(json.dumps(run(args.directory, scale=args.scale, timed=not args.untimed), indent=2))


if __name__ == "__main__":
    main()
