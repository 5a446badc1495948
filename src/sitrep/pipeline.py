"""Composes the stages in order: the only place that knows the order.

``extract -> language -> nlp -> entities -> quotes -> places -> times -> events``

Every document ends with an :class:`~sitrep.model.Outcome`: ``ok``, ``skipped:<reason>`` or
``failed:<error class>``. One bad document never stops a batch.

Per-document limits (:class:`~sitrep.settings.Settings`) bound what one document can cost:
text past ``max_chars`` and runs of non-space characters past ``max_token_chars`` are cut (the
outcome keeps ``ok`` with the reason), text under ``min_chars`` is skipped, HTML nested past
``max_html_depth`` has its tags stripped, and a document still in analysis after
``max_seconds`` is skipped (``time limit``). Batches close at ``batch_size`` documents or
``batch_chars`` characters, so spaCy's memory does not add up across a batch.
"""

from __future__ import annotations

import contextlib
import re
import signal
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sitrep.errors import SkipDocument, TimeLimit
from sitrep.ids import assign_id
from sitrep.model import Article, Outcome, OutcomeStatus
from sitrep.settings import Settings
from sitrep.sources.files import RawDocument, RawKind
from sitrep.stages.base import Analysis, Stage
from sitrep.stages.nlp import load_nlp

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

PIPELINE_VERSION = "0.1.0"


def _failed(analysis: Analysis, exc: BaseException, stage: str) -> None:
    reason = f"{type(exc).__name__} in {stage}: {exc}"[:500]
    analysis.article.outcome = Outcome(status=OutcomeStatus.FAILED, reason=reason)


def _skipped(analysis: Analysis, exc: SkipDocument) -> None:
    analysis.article.outcome = Outcome(status=OutcomeStatus.SKIPPED, reason=exc.reason)


def _note(analysis: Analysis, note: str) -> None:
    """Add a note to an ``ok`` outcome (a cut, a stripped page): the reason says what changed."""
    outcome = analysis.article.outcome
    reason = f"{outcome.reason}; {note}" if outcome.reason else note
    analysis.article.outcome = Outcome(status=outcome.status, reason=reason[:500])


@contextlib.contextmanager
def time_limit(seconds: float, reason: str = "time limit") -> Iterator[None]:
    """Raise :class:`TimeLimit` in the code of the ``with`` block once ``seconds`` have passed
    (again every second, should a library swallow it). Only in the main thread of a POSIX
    process (the CLI, workers); elsewhere the pipeline checks its deadline between stages.
    """
    if (
        seconds <= 0
        or not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return

    def _alarm(_signum: int, _frame: object) -> None:
        raise TimeLimit(reason)

    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds, 1.0)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _nth_space(text: str, n: int) -> int | None:
    """Where the ``n``-th run of whitespace starts (``None``: fewer words than ``n``)."""
    for i, m in enumerate(re.finditer(r"\s+", text), 1):
        if i >= n:
            return m.start()
    return None


def _cut_point(text: str, limit: int) -> int:
    """Where to cut ``text`` to at most ``limit`` characters: a paragraph break, else a sentence
    end, else a space in the last half; else ``limit``."""
    for sep in ("\n\n", "\n", ". ", " "):
        at = text.rfind(sep, limit // 2, limit)
        if at > 0:
            return at + (1 if sep == ". " else 0)
    return limit


def extract_stage(settings: Settings) -> Stage:
    """The extract stage as the pipeline builds it (``sitrep ingest`` runs it in the driver)."""
    from sitrep.stages.extract import ExtractStage

    return ExtractStage(max_html_depth=settings.max_html_depth)


def new_analysis(raw: RawDocument) -> Analysis:
    """The working record of one raw document, before any stage: its article is the one
    already extracted from it (``raw.extracted``), else an empty one named after it."""
    if raw.extracted is not None:
        return Analysis(article=raw.extracted)  # the extract stage only checks the text
    return Analysis(article=Article(id=raw.id, name=raw.id, origin=raw.origin), raw=raw)


def extract(raw: RawDocument, stage: Stage) -> Article:
    """Run the extract ``stage`` alone on ``raw`` (it raises :class:`SkipDocument` and the
    like); the pipeline goes on from the result when it is put in ``raw.extracted``."""
    analysis = new_analysis(raw)
    stage(analysis)
    return analysis.article


class Pipeline:
    """Builds every stage once (models and gazetteer load here) and runs documents through."""

    def __init__(self, settings: Settings | None = None) -> None:
        from sitrep.gazetteer import open_gazetteer
        from sitrep.stages.entities import EntitiesStage
        from sitrep.stages.events import EventsStage
        from sitrep.stages.language import LanguageStage
        from sitrep.stages.places import PlacesStage
        from sitrep.stages.quotes import QuotesStage
        from sitrep.stages.times import TimesStage

        self.settings = settings or Settings()
        #: seconds spent per stage since the last ``timings.clear()`` (for the benchmark);
        #: added to under a lock: the REST API runs documents from several threads
        self.timings: dict[str, float] = {}
        self._timings_lock = threading.Lock()
        self.nlp: Language = load_nlp(self.settings.model)
        #: the gazetteer index, opened (built when missing) once here and given to the stages
        self.gazetteer = open_gazetteer(self.settings.gazetteer)
        self._long_run = re.compile(rf"\S{{{self.settings.max_token_chars + 1},}}")
        self.pre: list[tuple[str, Stage]] = [("extract", extract_stage(self.settings))]
        if self.settings.english_only:
            self.pre.append(("language", LanguageStage()))
        self.post: list[tuple[str, Stage]] = [
            ("entities", EntitiesStage()),
            ("quotes", QuotesStage()),
            ("places", PlacesStage(gazetteer=self.gazetteer)),
            ("times", TimesStage()),
            ("events", EventsStage()),
        ]

    # -- one document -------------------------------------------------------------------
    def _start(self, raw: RawDocument) -> Analysis:
        analysis = new_analysis(raw)
        if raw.error:
            analysis.article.outcome = Outcome(status=OutcomeStatus.FAILED, reason=raw.error)
            return analysis
        self._run(analysis, self.pre)
        raw.data = None  # the text is extracted: a batch does not keep every file's bytes
        if analysis.article.outcome.status is OutcomeStatus.OK:
            self._limit(analysis)
        return analysis

    def _limit(self, analysis: Analysis) -> None:
        """Apply the per-document size limits to the extracted text (see the module doc)."""
        settings, article = self.settings, analysis.article
        text = article.text
        if len(text) - sum(map(text.count, " \t\n\r\f\v\u00a0")) < settings.min_chars:
            _skipped(analysis, SkipDocument(f"too short: under {settings.min_chars} characters"))
            return
        runs = 0

        def cut_run(m: re.Match[str]) -> str:
            nonlocal runs
            runs += 1
            return m.group(0)[: settings.max_token_chars]

        text = self._long_run.sub(cut_run, text)
        if runs:
            _note(analysis, f"cut {runs} runs of over {settings.max_token_chars} characters")
        limit = settings.max_chars
        words = _nth_space(text, settings.max_words)
        if words is not None and words < limit:  # many short tokens (emoji, symbols)
            limit = words
        if len(text) > limit:
            at = _cut_point(text, limit)
            _note(analysis, f"cut at {at} of {len(text)} characters")
            text = text[:at]
        article.text = text

    def _run(self, analysis: Analysis, stages: Sequence[tuple[str, Stage]]) -> None:
        for name, stage in stages:
            if analysis.article.outcome.status is not OutcomeStatus.OK:
                return
            t0 = time.perf_counter()
            try:
                with self._budget(analysis, name):
                    stage(analysis)
            except SkipDocument as exc:  # TimeLimit included
                _skipped(analysis, exc)
            except Exception as exc:  # one bad document never stops a batch
                _failed(analysis, exc, name)
            finally:
                elapsed = time.perf_counter() - t0
                self._timed(name, elapsed)
                analysis.spent += elapsed

    def _timed(self, name: str, seconds: float) -> None:
        with self._timings_lock:
            self.timings[name] = self.timings.get(name, 0.0) + seconds

    def _budget(self, analysis: Analysis, what: str) -> contextlib.AbstractContextManager[None]:
        """The time limit of one stage: what is left of the document's ``max_seconds``."""
        left = self.settings.max_seconds - analysis.spent
        reason = f"time limit: over {self.settings.max_seconds:g} s (in {what})"
        if left <= 0:
            raise TimeLimit(reason)
        return time_limit(left, reason)

    def _finish(self, analysis: Analysis) -> Article:
        self._run(analysis, self.post)
        article = analysis.article
        article.pipeline_version = PIPELINE_VERSION
        article.analysed_at = datetime.now(UTC).replace(microsecond=0)
        analysis.doc = None
        analysis.raw = None
        analysis.token_actor = {}
        return article

    # -- batches --------------------------------------------------------------------------
    def analyze_raw(self, raws: Iterable[RawDocument]) -> Iterator[Article]:
        """Analyse raw documents in ``nlp.pipe`` batches, yielding articles in input order."""
        batch: list[Analysis] = []
        chars = 0
        for raw in raws:
            analysis = self._start(raw)
            batch.append(analysis)
            if analysis.article.outcome.status is OutcomeStatus.OK:
                chars += len(analysis.article.text)
            if len(batch) >= self.settings.batch_size or chars >= self.settings.batch_chars:
                yield from self._process(batch)
                batch, chars = [], 0
        if batch:
            yield from self._process(batch)

    def _parse_one(self, a: Analysis) -> Doc | None:
        t0 = time.perf_counter()
        try:
            with self._budget(a, "nlp"):
                return self.nlp(a.article.text)
        except SkipDocument as exc:
            _skipped(a, exc)
        except Exception as exc:
            _failed(a, exc, "nlp")
        finally:
            a.spent += time.perf_counter() - t0
        return None

    def _process(self, batch: list[Analysis]) -> Iterator[Article]:
        ready = [a for a in batch if a.article.outcome.status is OutcomeStatus.OK]
        t0 = time.perf_counter()
        docs: list[Doc | None] = []
        try:
            # the batch within one document's limit; past it (or on an error), one by one, each
            # within what is left of its own limit
            with time_limit(self.settings.max_seconds, "time limit: a batch"):
                docs = list(self.nlp.pipe((a.article.text for a in ready), batch_size=len(batch)))
        except Exception:  # TimeLimit included: a document that breaks the batch
            docs = []  # (parsed again below, once the traceback and its arrays are freed)
        # each document's share of the batch, by its length, counts against its limit, also
        # when the batch broke: a document alone in a batch that ran out of time is not given
        # a second full limit
        total = sum(len(a.article.text) for a in ready) or 1
        elapsed = time.perf_counter() - t0
        for a in ready:
            a.spent += elapsed * len(a.article.text) / total
        if len(docs) != len(ready):
            docs = [self._parse_one(a) for a in ready]
        self._timed("nlp", time.perf_counter() - t0)
        for a, doc in zip(ready, docs, strict=True):
            a.doc = doc
        for a in batch:
            if a.article.outcome.status is OutcomeStatus.OK:
                yield assign_id(self._finish(a))
            else:
                a.raw = None
                yield assign_id(a.article)

    def analyze_text(
        self,
        text_or_html: str,
        *,
        doc_id: str = "text",
        published: str | None = None,
        title: str | None = None,
        url: str | None = None,
        source: str | None = None,
        kind: RawKind = "auto",
    ) -> Article:
        meta = {"published": published, "title": title, "url": url, "source": source}
        raw = RawDocument(
            id=doc_id,
            text=text_or_html,
            kind=kind,
            meta={k: v for k, v in meta.items() if v},
            origin="<text>",
        )
        return next(iter(self.analyze_raw([raw])))
