"""Composes the stages in order: the only place that knows the order.

``extract -> language -> nlp -> entities -> quotes -> places -> times -> events``

Every document ends with an :class:`~sitrep.model.Outcome`: ``ok``, ``skipped:<reason>`` or
``failed:<error class>``. One bad document never stops a batch.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sitrep.errors import SkipDocument
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


class Pipeline:
    """Builds every stage once (models and gazetteer load here) and runs documents through."""

    def __init__(self, settings: Settings | None = None) -> None:
        from sitrep.stages.entities import EntitiesStage
        from sitrep.stages.events import EventsStage
        from sitrep.stages.extract import ExtractStage
        from sitrep.stages.language import LanguageStage
        from sitrep.stages.places import PlacesStage
        from sitrep.stages.quotes import QuotesStage
        from sitrep.stages.times import TimesStage

        self.settings = settings or Settings()
        #: seconds spent per stage since the last ``timings.clear()`` (for the benchmark)
        self.timings: dict[str, float] = {}
        self.nlp: Language = load_nlp(self.settings.model)
        self.pre: list[tuple[str, Stage]] = [("extract", ExtractStage())]
        if self.settings.english_only:
            self.pre.append(("language", LanguageStage()))
        self.post: list[tuple[str, Stage]] = [
            ("entities", EntitiesStage()),
            ("quotes", QuotesStage()),
            ("places", PlacesStage(gazetteer_path=self.settings.gazetteer)),
            ("times", TimesStage()),
            ("events", EventsStage()),
        ]

    # -- one document -------------------------------------------------------------------
    def _start(self, raw: RawDocument) -> Analysis:
        article = Article(id=raw.id, origin=raw.origin)
        analysis = Analysis(article=article, scratch={"raw": raw})
        if raw.error:
            analysis.article.outcome = Outcome(status=OutcomeStatus.FAILED, reason=raw.error)
            return analysis
        self._run(analysis, self.pre)
        if analysis.article.outcome.status is OutcomeStatus.OK:
            text = analysis.article.text
            if len(text) > self.settings.max_chars:
                _skipped(analysis, SkipDocument(f"too long: {len(text)} characters"))
        return analysis

    def _run(self, analysis: Analysis, stages: Sequence[tuple[str, Stage]]) -> None:
        for name, stage in stages:
            if analysis.article.outcome.status is not OutcomeStatus.OK:
                return
            t0 = time.perf_counter()
            try:
                stage(analysis)
            except SkipDocument as exc:
                _skipped(analysis, exc)
            except Exception as exc:  # one bad document never stops a batch
                _failed(analysis, exc, name)
            finally:
                self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - t0

    def _finish(self, analysis: Analysis) -> Article:
        self._run(analysis, self.post)
        article = analysis.article
        article.pipeline_version = PIPELINE_VERSION
        article.analysed_at = datetime.now(UTC).replace(microsecond=0)
        analysis.doc = None
        analysis.scratch.clear()
        return article

    # -- batches --------------------------------------------------------------------------
    def analyze_raw(self, raws: Iterable[RawDocument]) -> Iterator[Article]:
        """Analyse raw documents in ``nlp.pipe`` batches, yielding articles in input order."""
        batch: list[Analysis] = []
        for raw in raws:
            batch.append(self._start(raw))
            if len(batch) >= self.settings.batch_size:
                yield from self._process(batch)
                batch = []
        if batch:
            yield from self._process(batch)

    def _process(self, batch: list[Analysis]) -> Iterator[Article]:
        ready = [a for a in batch if a.article.outcome.status is OutcomeStatus.OK]
        t0 = time.perf_counter()
        try:
            docs: list[Doc | None] = list(
                self.nlp.pipe((a.article.text for a in ready), batch_size=len(batch))
            )
        except Exception:  # a document that breaks the batch: parse one by one
            docs = []
            for a in ready:
                try:
                    docs.append(self.nlp(a.article.text))
                except Exception as exc:
                    _failed(a, exc, "nlp")
                    docs.append(None)
        self.timings["nlp"] = self.timings.get("nlp", 0.0) + time.perf_counter() - t0
        for a, doc in zip(ready, docs, strict=True):
            a.doc = doc
        for a in batch:
            if a.article.outcome.status is OutcomeStatus.OK:
                yield self._finish(a)
            else:
                a.scratch.clear()
                yield a.article

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
