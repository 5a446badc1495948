"""A pool's parent extracts the documents (and detects their language) while its workers load
the model: a worker goes on from that extraction as from its own."""

from __future__ import annotations

from typing import Any

import pytest

from sitrep.model import OutcomeStatus
from sitrep.pipeline import extracted_ahead, new_analysis
from sitrep.settings import Settings
from sitrep.sources.files import RawDocument
from sitrep.stages.language import LanguageStage

ENGLISH = (
    "The ferry company in Harrowmere said on Thursday that two of its boats would stay in "
    "port until the storm passed, and that passengers holding tickets could travel later "
    "in the week at no cost."
)
GERMAN = (
    "Der Stadtrat von Lindweiler hat am Montag beschlossen, die alte Brücke über den Fluss "
    "im kommenden Frühjahr abzureißen und durch einen Neubau aus Holz zu ersetzen."
)
HTML = (
    "<html><head><title>Harrowmere ferries wait out the storm</title></head><body><article>"
    f"<p>{ENGLISH}</p><p>{ENGLISH}</p></article></body></html>"
).encode()


def _raws() -> list[RawDocument]:
    return [
        RawDocument(id="en", text=ENGLISH, meta={"published": "2024-03-07"}),
        RawDocument(id="page", data=HTML, kind="auto"),
        RawDocument(id="de", text=GERMAN),
        RawDocument(id="blank", text="   \n "),
        RawDocument(id="unread", error="cannot read unread.txt: permission denied"),
    ]


def test_the_parent_extracts_and_detects_once() -> None:
    raws = list(extracted_ahead(_raws(), Settings()))
    en, page, de, blank, unread = raws
    assert en.extracted is not None and en.extracted.language == "en"
    assert en.extracted.published is not None and en.extracted.published.isoformat() == (
        "2024-03-07"
    )
    assert en.spent > 0
    assert page.extracted is not None and page.extracted.title == (
        "Harrowmere ferries wait out the storm"
    )
    assert de.extracted is not None and de.extracted.outcome.reason == "language:de"
    assert blank.extracted is not None and blank.extracted.outcome.status is (OutcomeStatus.SKIPPED)
    assert unread.extracted is None  # a failed read is the worker's to report, as before
    again = list(extracted_ahead(raws, Settings()))
    assert [r.extracted for r in again] == [r.extracted for r in raws]  # extracted once


def test_a_declared_language_loads_no_identifier() -> None:
    stage = LanguageStage()
    analysis = new_analysis(next(extracted_ahead([RawDocument(id="en", text=ENGLISH)], Settings())))
    stage(analysis)
    assert analysis.article.language == "en"
    assert stage._identifier is None


@pytest.mark.model
def test_the_extraction_counts_against_the_documents_time_limit(pipeline: Any) -> None:
    raw = next(extracted_ahead([RawDocument(id="en", text=ENGLISH)], Settings()))
    raw.spent = pipeline.settings.max_seconds  # as if extracting it took the whole budget
    (article,) = pipeline.analyze_raw([raw])
    assert article.outcome.status is OutcomeStatus.SKIPPED
    assert (article.outcome.reason or "").startswith("time limit: over")


@pytest.mark.model
def test_a_worker_goes_on_from_the_parents_extraction(pipeline: Any) -> None:
    def records(raws: list[RawDocument]) -> list[dict[str, Any]]:
        return [
            a.model_dump(mode="json", exclude={"analysed_at"}) for a in pipeline.analyze_raw(raws)
        ]

    assert records(list(extracted_ahead(_raws(), Settings()))) == records(_raws())
