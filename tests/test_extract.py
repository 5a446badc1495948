"""Extract stage: decoding, binary detection, HTML bodies, boilerplate, metadata."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest

from sitrep.errors import InputError, SkipDocument
from sitrep.model import Article
from sitrep.sources.files import RawDocument, iter_documents
from sitrep.stages.base import Analysis
from sitrep.stages.extract import (
    ExtractStage,
    _detect_title,
    content_hash,
    decode_bytes,
    is_binary,
    looks_like_html,
    strip_boilerplate,
)
from sitrep.stages.furniture import is_furniture, remove_furniture
from sitrep.stages.html import _cut_comments, _most_agreed

STAGE = ExtractStage()

ARTICLE = (
    "Flooding Closes River Crossings in Northern Valley\n"
    "\n"
    "    Heavy rain overnight forced the closure of three bridges across the valley, the regional "
    "roads authority said on Tuesday, leaving several villages cut off.\n"
    "\n"
    "    Emergency crews worked through the morning to clear debris, and officials said the "
    "crossings would reopen once engineers had inspected them.\n"
)

CYRILLIC = (
    "Власти региона сообщили, что мост через реку закрыт после сильного дождя. "
    "Жителей просят не выезжать без необходимости."
)
GERMAN = "Die Straße über den Fluss ist gesperrt, teilte die Behörde am Dienstag mit: Größe übel."


def _run(raw: RawDocument) -> Article:
    analysis = Analysis(article=Article(id=raw.id), raw=raw)
    return STAGE(analysis).article


def _file(tmp_path: Path, name: str, data: bytes) -> RawDocument:
    (tmp_path / name).write_bytes(data)
    return next(iter_documents([tmp_path / name]))


# ---- decoding --------------------------------------------------------------------------------


def test_utf8_with_and_without_bom() -> None:
    assert decode_bytes("Größe – “quoted”".encode()) == "Größe – “quoted”"
    assert decode_bytes(b"\xef\xbb\xbf" + "Größe".encode()) == "Größe"


def test_utf16_with_bom() -> None:
    assert decode_bytes("Größe and more".encode("utf-16")) == "Größe and more"


def test_cp1251_file(tmp_path: Path) -> None:
    article = _run(_file(tmp_path, "ru.txt", CYRILLIC.encode("cp1251")))
    assert article.text == CYRILLIC


def test_latin1_and_cp1252_files(tmp_path: Path) -> None:
    assert _run(_file(tmp_path, "de.txt", GERMAN.encode("latin-1"))).text == GERMAN
    text = "The minister’s “plan” costs €5 – officials said."
    assert decode_bytes(text.encode("cp1252")) == text


def test_html_declared_charset_is_honoured() -> None:
    page = f'<html><head><meta charset="windows-1251"></head><body>{CYRILLIC}</body></html>'
    data = page.encode("cp1251")
    assert CYRILLIC in decode_bytes(data, "windows-1251")


def test_utf8_bom_file_text_has_no_bom(tmp_path: Path) -> None:
    article = _run(_file(tmp_path, "bom.txt", b"\xef\xbb\xbf" + ARTICLE.encode()))
    assert article.text == ARTICLE


# ---- skips and failures ----------------------------------------------------------------------


def test_empty_file_is_skipped(tmp_path: Path) -> None:
    with pytest.raises(SkipDocument) as info:
        _run(_file(tmp_path, "empty.txt", b""))
    assert info.value.reason == "empty"
    with pytest.raises(SkipDocument, match="empty"):
        _run(_file(tmp_path, "blank.txt", b"  \n\n\t "))


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"PK\x03\x04\x14\x00\x06\x00",
        bytes(range(256)) * 8,
    ],
)
def test_binary_junk_is_skipped(tmp_path: Path, data: bytes) -> None:
    assert is_binary(data)
    with pytest.raises(SkipDocument, match="binary"):
        _run(_file(tmp_path, "junk.bin", data))


def test_text_is_not_binary() -> None:
    assert not is_binary(ARTICLE.encode())
    assert not is_binary(CYRILLIC.encode("cp1251"))
    assert not is_binary(ARTICLE.encode("utf-16"))


def test_read_error_becomes_input_error() -> None:
    with pytest.raises(InputError, match="too large"):
        _run(RawDocument(id="x", error="too large (9 bytes > 1)"))


# ---- plain text ------------------------------------------------------------------------------


def test_plain_text_without_boilerplate_is_identical(tmp_path: Path) -> None:
    article = _run(_file(tmp_path, "flood.txt", ARTICLE.encode()))
    assert article.text == ARTICLE
    assert article.title == "Flooding Closes River Crossings in Northern Valley"
    assert article.content_hash == content_hash(ARTICLE)


def test_boilerplate_removed_at_the_edges() -> None:
    scraped = (
        "Skip to main content\n"
        "Home | News | World | Europe\n"
        "Share this article\n"
        "\n" + ARTICLE + "\n"
        "Read more\n"
        "Related stories\n"
        "Storm warnings issued for the coast\n"
        "Facebook Twitter Email\n"
        "We use cookies to improve your experience. By continuing you accept our cookie policy.\n"
    )
    assert strip_boilerplate(scraped) == ARTICLE.rstrip()


def test_headline_is_kept_and_inner_text_untouched() -> None:
    scraped = "back to top\n\n" + ARTICLE + "\n    More in section"
    result = strip_boilerplate(scraped)
    assert result == ARTICLE.rstrip()
    assert result.startswith("Flooding Closes")
    assert "\n    Heavy rain" in result  # indentation preserved


def test_boilerplate_words_inside_sentences_are_kept() -> None:
    text = (
        "Share prices fell sharply\n\n"
        "Share prices fell sharply on Monday after the central bank raised interest rates, "
        "analysts said. Read more about the decision in our report.\n"
    )
    assert strip_boilerplate(text) is text


def test_meta_fills_metadata(tmp_path: Path) -> None:
    raw = RawDocument(
        id="a",
        data=ARTICLE.encode(),
        kind="text",
        meta={"published": "2023-05-23", "title": "Given", "url": "https://www.example.org/x"},
    )
    article = _run(raw)
    assert article.published == date(2023, 5, 23)
    assert article.title == "Given"
    assert article.source == "example.org"


def test_a_text_without_a_date_takes_the_day_of_its_stamp_line() -> None:
    stamped = ARTICLE.replace("\n\n", "\nPosted: March 9, 2021 6: 40 PM\n\n", 1)
    article = _run(RawDocument(id="s", data=stamped.encode(), kind="text"))
    assert "Posted:" not in article.text  # the stamp is still furniture
    assert article.published == date(2021, 3, 9)
    # a date that came with the text wins; a stamp without a day gives none
    given = RawDocument(
        id="g", data=stamped.encode(), kind="text", meta={"published": "2021-03-10"}
    )
    assert _run(given).published == date(2021, 3, 10)
    vague = ARTICLE.replace("\n\n", "\nUpdated 2 hours ago\n\n", 1)
    assert _run(RawDocument(id="v", data=vague.encode(), kind="text")).published is None


# ---- HTML ------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html><head><title>Bridges closed after flooding | Valley News</title>
<meta property="article:published_time" content="2023-05-23T08:00:00Z">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<article><h1>Bridges closed after flooding</h1>
<p>Heavy rain overnight forced the closure of three bridges across the valley, the regional
roads authority said on Tuesday, leaving several villages cut off from the main road.</p>
<p>Emergency crews worked through the morning to clear debris, and officials said the crossings
would reopen once engineers had inspected them for damage to their foundations.</p>
<p>Residents were told to avoid travel unless necessary, and schools in two villages closed
for the day while the water receded.</p>
</article>
<footer>Copyright 2023 Valley News. All rights reserved.</footer>
</body></html>"""


def test_html_body_and_metadata() -> None:
    article = _run(RawDocument(id="p", data=PAGE.encode(), kind="html"))
    assert "three bridges" in article.text and "Emergency crews" in article.text
    assert "All rights reserved" not in article.text
    assert "\n\n" in article.text  # paragraph breaks kept
    assert article.title is not None and article.title.startswith("Bridges closed")
    assert article.published == date(2023, 5, 23)


def test_html_is_sniffed_from_unknown_kind() -> None:
    assert looks_like_html(PAGE)
    assert not looks_like_html(ARTICLE)
    article = _run(RawDocument(id="p", text=PAGE, kind="auto"))
    assert "<p>" not in article.text and "three bridges" in article.text


def test_broken_html_does_not_crash() -> None:
    broken = (
        "<html><body><div><p>Officials said the road <b>would reopen <i>soon</p>"
        "<table><tr><td>unclosed cell<p>Another paragraph that goes on </div></span>&bogus;"
        "<script>var x = '<p>';</scr"
    )
    article = _run(RawDocument(id="b", text=broken, kind="html"))
    assert "road" in article.text and "<" not in article.text


def test_html_without_text_is_skipped() -> None:
    with pytest.raises(SkipDocument, match="no text extracted"):
        _run(
            RawDocument(id="e", text="<html><body><script>x=1</script></body></html>", kind="html")
        )


def test_huge_html_page_completes(tmp_path: Path) -> None:
    filler = "<div class='c'><span>item</span><a href='/x'>link</a></div>\n"
    script = "<script>" + "var a = 1;" * 1000 + "</script>\n"
    body = PAGE.split("<article>", 1)[1].split("</article>", 1)[0]
    chunk = filler * 200 + script
    page = "<html><head><title>Big</title></head><body><article>" + body + "</article>"
    page += chunk * (20_000_000 // len(chunk) + 1) + "</body></html>"
    assert len(page) >= 20_000_000
    start = time.perf_counter()
    analysis = Analysis(
        article=Article(id="big"), raw=RawDocument(id="big", text=page, kind="html")
    )
    article = STAGE(analysis).article
    assert time.perf_counter() - start < 60
    assert "three bridges" in article.text
    assert analysis.extract_trace is not None and analysis.extract_trace.truncated
    assert str(article.outcome) == "ok:html truncated"


def test_dates_and_credits_are_not_navigation() -> None:
    text = "Release: 03 / 08 / 2013\n" + ARTICLE + "\nh/t: Valley Gazette\n"
    assert strip_boilerplate(text) is text


def test_html_comment_section_is_cut_and_headline_is_the_title() -> None:
    comments = "".join(
        f"<p>reader{n} said: I think the bridges should never have been built there in the "
        f"first place, honestly. Comment number {n}.</p>"
        for n in range(3)
    )
    page = PAGE.replace("</p>\n</article>", f"</p><p>3 Comments</p>{comments}</article>")
    page = page.replace("<h1>Bridges closed after flooding</h1>", "")
    article = _run(RawDocument(id="c", text=page, kind="html"))
    assert "Residents were told" in article.text
    assert "never have been built" not in article.text
    # the headline is the title, not a line added to the body
    assert article.title == "Bridges closed after flooding"
    assert article.text.startswith("Heavy rain overnight")


def test_consensus_keeps_the_candidate_the_others_agree_with() -> None:
    body = (
        "Heavy rain overnight forced the closure of three bridges across the valley, "
        "the regional roads authority said on Tuesday."
    )
    sidebar = "Storm warnings issued for the coast. Ten things to do this weekend in the valley."
    # one extractor took the sidebar too, one cut the body short: the full body wins
    assert _most_agreed([body + "\n" + sidebar, body, body[:60]]) == body
    assert _most_agreed([sidebar, body, body + " More."]) in (body, body + " More.")
    # empty candidates take no part; with two or fewer left the first one wins
    assert _most_agreed(["", body, sidebar]) == body
    assert _most_agreed(["", " ", ""]) == ""


def test_sidebar_page_gets_the_article_not_the_sidebar() -> None:
    teasers = "".join(
        f"<li><a href='/s{n}'>Council approves budget for new library in district {n}</a></li>"
        for n in range(8)
    )
    page = PAGE.replace("<footer>", f"<aside><h2>Most read</h2><ul>{teasers}</ul></aside><footer>")
    article = _run(RawDocument(id="s", text=page, kind="html"))
    assert "three bridges" in article.text and "Residents were told" in article.text
    assert "Council approves" not in article.text


# ---- site furniture --------------------------------------------------------------------------

# an article written for these tests, with every kind of furniture, as scraped text and as HTML
FIXTURES = Path(__file__).parent / "fixtures" / "extract"
BODY = [
    "The ferry between the old harbour and the island resumed on Thursday",
    "Engineers replaced two damaged pontoons",
    "Islanders had relied on a single water taxi",
    "The authority said the timetable would return to eight crossings",
]
FURNITURE = {
    "newsletter prompt": ["Let our news meet your inbox"],
    "share line": ["Share on Facebook Share on Twitter", "Share it with a friend!"],
    "teaser": [
        "SEE MORE: Fishing fleet stays in port",
        "Also on Coastline Daily",
        "Lighthouse keeper's cottage opens as a museum",
    ],
    "credit": ["Tomas Berg contributed to this report", "Photo: Maria Lindqvist"],
    "update stamp": ["Updated 10 p.m."],
    "related block": [
        "Related stories",
        "Council approves new sea wall",
        "Island school reopens",
        "Harbour master retires",
    ],
}


def _analysis(name: str) -> Analysis:
    raw = next(iter_documents([FIXTURES / name]))
    analysis = Analysis(article=Article(id=raw.id), raw=raw)
    return STAGE(analysis)


@pytest.mark.parametrize("name", ["furniture.txt", "furniture.html"])
def test_furniture_is_removed_and_the_body_kept(name: str) -> None:
    analysis = _analysis(name)
    text = analysis.article.text
    for sentence in BODY:
        assert sentence in text, sentence
    for kind, lines in FURNITURE.items():
        for line in lines:
            assert line not in text, (kind, line)
    assert analysis.article.title is not None
    assert analysis.article.title.lower() == "harbour ferry service resumes after storm repairs"


def test_furniture_removed_from_text_is_recorded_with_its_kind() -> None:
    removed = _analysis("furniture.txt").extract_trace.furniture
    kinds = {item["kind"] for item in removed}
    assert kinds == set(FURNITURE)
    for item in removed:
        assert any(line in item["text"] for line in FURNITURE[item["kind"]]), item


def test_furniture_removed_from_html_is_recorded_with_its_kind() -> None:
    removed = _analysis("furniture.html").extract_trace.furniture
    kinds = {item["kind"] for item in removed}
    # the extractors leave out the figure caption and the link list themselves
    assert {"newsletter prompt", "share line", "teaser", "credit", "update stamp"} <= kinds


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Let our news meet your inbox", "newsletter prompt"),
        ("Sign up for our morning newsletter", "newsletter prompt"),
        ("Get the latest headlines delivered straight to your inbox.", "newsletter prompt"),
        ("Share on Facebook Share on Twitter", "share line"),
        ("Share it with a friend!", "share line"),
        ("Click to share on WhatsApp (Opens in new window)", "share line"),
        ("SEE MORE: Fishing fleet stays in port as gales return", "teaser"),
        ("READ MORE: Council votes to close the library", "teaser"),
        ("Related: Five things to know about the new budget", "teaser"),
        ("Tomas Berg contributed to this report.", "credit"),
        ("Associated Press writers in Oslo and Bergen contributed reporting.", "credit"),
        ("Contributing: Anna Holm", "credit"),
        ("Reporting by Anna Holm; Editing by Per Lund", "credit"),
        ("(Photo: Maria Lindqvist/Coastline Daily)", "credit"),
        ("Photograph: Jon Dahl/Reuters", "credit"),
        ("Updated 10 p.m.", "update stamp"),
        ("Last updated: Thursday, March 28, 2024 9:40 PM ET", "update stamp"),
        ("Published 2 hours ago", "update stamp"),
    ],
)
def test_furniture_line_kinds(line: str, kind: str) -> None:
    assert is_furniture(line) == kind


@pytest.mark.parametrize(
    "line",
    [
        "The newsletter, which reaches 40,000 readers, first reported the sale on Tuesday.",
        "Share prices fell sharply on Monday after the bank raised rates.",
        "Updated figures released on Friday show unemployment rising for a third month.",
        "The photo, taken by a passenger, shows the ferry listing in heavy seas.",
        "Police said two officers contributed to the arrest of the suspect.",
        "More than 300 people were evacuated.",
        "See you in court, the mayor told reporters.",
        "Harbour Ferry Service Resumes After Storm Repairs",
    ],
)
def test_sentences_and_headlines_are_not_furniture(line: str) -> None:
    assert is_furniture(line) is None


def test_related_block_takes_its_headlines_only() -> None:
    text = (
        "The ferry resumed on Thursday after three weeks of repairs, the port authority said.\n\n"
        "Related stories\n"
        "Council approves new sea wall\n"
        "Island school reopens after flooding\n\n"
        "Engineers replaced two damaged pontoons and rebuilt the walkway, the authority said.\n"
        "Related coverage\n"
        "Officials had warned in January that the landing stage needed urgent work before "
        "the spring storms arrived.\n"
    )
    cleaned, found = remove_furniture(text)
    assert [f.kind for f in found] == ["related block"] * 3
    assert "Council approves" not in cleaned and "Island school" not in cleaned
    # a header followed by running text is a heading of the article: kept
    assert "Related coverage" in cleaned and "Officials had warned" in cleaned
    assert "Engineers replaced" in cleaned


def test_related_block_of_headlines_and_summaries() -> None:
    body = "The ferry resumed on Thursday after three weeks of repairs, the port authority said. "
    text = (
        body * 6 + "\n\nMore from Coastline Daily\n"
        "Fishing fleet stays in port as gales return\n"
        "Gales kept the fleet in port for a fourth day, and skippers counted the cost.\n"
        "Lighthouse cottage opens as a museum\n"
        "The keeper's family lived there for ninety years; now visitors can climb the tower.\n"
    )
    cleaned, found = remove_furniture(text)
    assert cleaned == (body * 6).rstrip()
    assert {f.kind for f in found} == {"related block"}


def test_text_without_furniture_is_returned_as_is() -> None:
    assert remove_furniture(ARTICLE) == (ARTICLE, [])


@pytest.mark.parametrize(
    "first",
    [
        "Share on Facebook Share on Twitter",
        "By Anna Holm",
        "March 28, 2024",
        "Updated 10 p.m.",
        "Let our news meet your inbox",
        "https://coastline.example/news/ferry",
        "Home | News | Coast",
    ],
)
def test_scraped_first_line_is_the_title_only_when_it_looks_like_one(first: str) -> None:
    text = first + "\n\n" + ARTICLE.split("\n", 1)[1].lstrip("\n")
    assert _detect_title(text) is None
    assert _detect_title(ARTICLE) == "Flooding Closes River Crossings in Northern Valley"


@pytest.mark.model
@pytest.mark.parametrize("name", ["furniture.txt", "furniture.html"])
def test_furniture_yields_no_event_or_statement(pipeline, name: str) -> None:  # type: ignore[no-untyped-def]
    (article,) = list(pipeline.analyze_raw(iter_documents([FIXTURES / name])))
    assert article.outcome.status.value == "ok", article.outcome
    assert article.title.lower() == "harbour ferry service resumes after storm repairs"
    spans = [e.evidence for e in article.events] + [q.content for q in article.quotes]
    spans += [q.source for q in article.quotes if q.source]
    assert spans  # the body itself is analysed ("... the port authority said")
    for span in spans:
        snippet = article.snippet(span)
        for lines in FURNITURE.values():
            for line in lines:
                assert line not in snippet, (line, snippet)


def test_page_metadata_date_beats_the_date_in_the_url() -> None:
    page = PAGE.replace("2023-05-23T08:00:00Z", "2023-05-24T01:07:00Z")
    raw = RawDocument(
        id="u",
        text=page,
        kind="html",
        meta={"url": "https://valley.example/news/2023/05/23/bridges-closed/"},
    )
    assert _run(raw).published == date(2023, 5, 24)


def test_title_loses_a_site_suffix_the_headline_does_not_have() -> None:
    page = PAGE.replace(
        "<title>Bridges closed after flooding | Valley News</title>",
        '<meta property="og:title" content="Bridges closed after flooding | Editorial">',
    )
    assert _run(RawDocument(id="t", text=page, kind="html")).title == (
        "Bridges closed after flooding"
    )


@pytest.mark.parametrize("header", ["No comments yet.", "Be the first to comment!", "Comments"])
def test_comment_section_headers_cut_the_rest(header: str) -> None:
    text = ARTICLE.rstrip() + f"\n\n{header}\n\nRSS feed for comments on this post. TrackBack URI\n"
    assert _cut_comments(text) == ARTICLE.rstrip()
