"""Claims lined up in a story: a cross-border incursion told from both sides, plus a flood.

The articles are invented for these tests (fictional countries and people). Quotes are filled
by hand, so the claims logic is tested without the quotes stage; the ``model`` test at the end
runs the whole pipeline over the same texts.
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import date

import pytest

from sitrep.corpus.claims import _similarities, claim_polarity, claim_terms, line_up_claims
from sitrep.corpus.stories import cluster_articles
from sitrep.model import Article, Quote, Span, Stance, Story

INCURSION = {
    "nw-1": (
        "Northern Wire",
        "Armed group crosses into Varsk region from Dornland\n"
        "Fighters of the Free Varsk Legion crossed the border from Dornland into the Varsk "
        "region of Kestria on Monday and shelled the village of Teplov. "
        "Dornland categorically denies any responsibility for the attack, presidential adviser "
        "Mirek Hald said. Varsk governor Oleg Dravin urged residents of Teplov to leave their "
        "homes.",
    ),
    "kt-2": (
        "Kestria Today",
        "Analysts see Dornland's hand in Varsk incursion\n"
        "The Free Varsk Legion raid on Teplov in the Varsk region of Kestria went on for a "
        "second day on Tuesday. Analysts agree that such an operation could not have started "
        "without the knowledge and consent of Dornland's military command. "
        '"Kestria will respond to this aggression," Varsk governor Oleg Dravin said.',
    ),
    "dp-3": (
        "Dornland Post",
        "Dornland says it had nothing to do with Varsk fighting\n"
        "The foreign ministry of Dornland said on Tuesday that Dornland had nothing to do with "
        "the fighting in the Varsk region of Kestria, after the Free Varsk Legion entered "
        "Teplov. Mirek Hald said the fighters of the Legion were citizens of Kestria.",
    ),
}
FLOOD = {
    "rv-1": (
        "River Gazette",
        "River Sella floods Orvin\n"
        "The River Sella burst its banks in the town of Orvin on Monday, flooding hundreds of "
        "homes. Mayor Lena Varo said the water had never risen so fast. Emergency crews "
        "evacuated 300 residents of Orvin.",
    ),
    "rv-2": (
        "Valley Times",
        "Orvin cleans up after Sella flood\n"
        "Residents of Orvin began clearing mud from their homes on Tuesday after the River "
        "Sella flood. Mayor Lena Varo said repairs would cost millions.",
    ),
}

# (article id, content, cue, source, speaker, stance): written by hand, as a quotes stage would.
QUOTES: list[tuple[str, str, str, str, str, Stance]] = [
    (
        "nw-1",
        "any responsibility for the attack",
        "categorically denies",
        "Mirek Hald",
        "Mirek Hald",
        "deny",
    ),
    (
        "nw-1",
        "residents of Teplov to leave their homes",
        "urged",
        "Oleg Dravin",
        "Oleg Dravin",
        "other",
    ),
    (
        "kt-2",
        "such an operation could not have started without the knowledge and consent of "
        "Dornland's military command",
        "agree",
        "Analysts",
        "analysts",
        "assert",
    ),
    (
        "kt-2",
        "Kestria will respond to this aggression",
        "said",
        "Oleg Dravin",
        "Oleg Dravin",
        "assert",
    ),
    (
        "dp-3",
        "Dornland had nothing to do with the fighting in the Varsk region of Kestria",
        "said",
        "The foreign ministry of Dornland",
        "Dornland foreign ministry",
        "assert",
    ),
    (
        "dp-3",
        "the fighters of the Legion were citizens of Kestria",
        "said",
        "Mirek Hald",
        "Mirek Hald",
        "assert",
    ),
    ("rv-1", "the water had never risen so fast", "said", "Lena Varo", "Lena Varo", "assert"),
    ("rv-2", "repairs would cost millions", "said", "Lena Varo", "Lena Varo", "assert"),
]


def _span(text: str, part: str) -> Span:
    start = text.index(part)
    return Span(start=start, end=start + len(part))


def _articles(with_quotes: bool = True) -> list[Article]:
    articles = []
    for doc_id, (outlet, text) in {**INCURSION, **FLOOD}.items():
        published = date(2024, 6, 3) if doc_id.endswith("1") else date(2024, 6, 4)
        articles.append(
            Article(
                id=doc_id,
                text=text,
                source=outlet,
                published=published,
                title=text.split("\n", 1)[0],
            )
        )
    if with_quotes:
        by_id = {a.id: a for a in articles}
        for doc_id, content, cue, source, speaker, stance in QUOTES:
            art = by_id[doc_id]
            art.quotes.append(
                Quote(
                    content=_span(art.text, content),
                    cue=_span(art.text, cue),
                    source=_span(art.text, source),
                    speaker=speaker,
                    stance=stance,
                )
            )
    return articles


def _claim(story: Story, article_id: str, quote_index: int) -> int:
    return next(
        i
        for i, c in enumerate(story.claims)
        if c.article_id == article_id and c.quote_index == quote_index
    )


def test_incursion_is_one_story_and_flood_another() -> None:
    articles = _articles()
    stories = cluster_articles(articles)
    assert len(stories) == 2
    by_members = {frozenset(s.article_ids): s for s in stories}
    assert set(by_members) == {frozenset(INCURSION), frozenset(FLOOD)}
    incursion = by_members[frozenset(INCURSION)]
    assert incursion.start == date(2024, 6, 3) and incursion.end == date(2024, 6, 4)
    assert {c.article_id for c in incursion.claims} == set(INCURSION)


def test_denial_contradicts_the_analysts() -> None:
    stories = cluster_articles(_articles())
    story = next(s for s in stories if "nw-1" in s.article_ids)
    denial = _claim(story, "nw-1", 0)
    analysts = _claim(story, "kt-2", 0)
    ministry = _claim(story, "dp-3", 0)
    appeal = _claim(story, "nw-1", 1)
    claims = story.claims
    assert claims[denial].stance == "deny"
    assert claims[denial].proposition == claims[analysts].proposition
    assert "responsibility" in claims[denial].proposition
    assert analysts in claims[denial].contradicts and denial in claims[analysts].contradicts
    # "had nothing to do with" is a denial in other words: it agrees with the denial
    assert ministry in claims[denial].agrees and analysts in claims[ministry].contradicts
    # an appeal takes no side on anything
    assert claims[appeal].contradicts == [] and claims[appeal].agrees == []
    assert claims[denial].speaker == "Mirek Hald"
    assert claims[denial].outlet == "Northern Wire"
    assert claims[denial].sentence.startswith("Dornland categorically denies")
    assert claims[denial].evidence == _articles()[0].quotes[0].content


def test_unrelated_claims_are_not_lined_up() -> None:
    stories = cluster_articles(_articles())
    story = next(s for s in stories if "nw-1" in s.article_ids)
    citizens = _claim(story, "dp-3", 1)
    respond = _claim(story, "kt-2", 1)
    denial = _claim(story, "nw-1", 0)
    assert denial not in story.claims[citizens].contradicts + story.claims[citizens].agrees
    assert denial not in story.claims[respond].contradicts + story.claims[respond].agrees


def test_line_up_claims_without_quotes() -> None:
    story = Story(id="s", title="t", article_ids=["a"])
    assert line_up_claims(story, [Article(id="a", text="Nothing said.")]).claims == []


@pytest.mark.parametrize(
    ("stance", "content", "polarity"),
    [
        ("deny", "any responsibility for the attack", -1.0),
        ("assert", "the operation could not have started without their knowledge", 1.0),
        ("assert", "we had nothing to do with it", -1.0),
        ("deny", "that the army did not warn residents", 1.0),
        ("confirm", "troops were involved", 1.0),
        ("other", "residents to leave", 0.0),
        ("assert", "they don't control the town", -1.0),
    ],
)
def test_polarity(stance: str, content: str, polarity: float) -> None:
    assert claim_polarity(stance, content) == polarity


def test_terms_fold_word_families() -> None:
    assert "#responsibility" in claim_terms("the knowledge and consent of the army")
    assert "#responsibility" in claim_terms("any involvement in the raid")
    assert "#responsibility" in claim_terms("had nothing to do with the fighting")
    assert "#casualties" in claim_terms("three civilians were killed")
    assert "#responsibility" not in claim_terms("the authorities said the border was closed")


@pytest.mark.model
def test_pipeline_end_to_end() -> None:
    pipeline_mod = pytest.importorskip("sitrep.pipeline")
    if not hasattr(pipeline_mod, "Pipeline"):
        pytest.skip("sitrep.pipeline has no Pipeline yet")
    pipe = pipeline_mod.Pipeline()
    articles = []
    for doc_id, (outlet, text) in {**INCURSION, **FLOOD}.items():
        art = pipe.analyze_text(text, doc_id=doc_id, published="2024-06-04", source=outlet)
        assert art.outcome.status == "ok", art.outcome
        articles.append(art)
    stories = cluster_articles(articles)
    name_of = {a.id: a.name for a in articles}  # ids are unique; the input names are the keys
    by_members = {frozenset(name_of[i] for i in s.article_ids): s for s in stories}
    assert set(by_members) == {frozenset(INCURSION), frozenset(FLOOD)}
    incursion = by_members[frozenset(INCURSION)]
    assert incursion.claims, "the quotes stage found no quotes"
    denials = [i for i, c in enumerate(incursion.claims) if c.stance == "deny"]
    assert any(incursion.claims[i].contradicts for i in denials)


def test_denial_read_from_content_is_one_negation() -> None:
    # cued by "told", the denial is the content's own "nothing to do with": still a denial
    assert claim_polarity("deny", "Ukraine has nothing to do with it", "told") == -1.0
    # cued by "denied", the cue negates what the content says
    assert claim_polarity("deny", "that the army did not warn residents", "denied") == 1.0


def _jaccard(a: Counter[str], b: Counter[str]) -> float:
    """The weighted Jaccard of two term bags, pair by pair (a shared concept counts 3 times)."""

    def weight(t: str) -> float:
        return 3.0 if t.startswith("#") else 1.0

    union = sum(weight(t) for t in set(a) | set(b))
    return sum(weight(t) for t in set(a) & set(b)) / union if union else 0.0


def test_sparse_similarities_equal_the_pairwise_jaccard() -> None:
    rng = random.Random(5)
    words = ["#casualties", "#control", "border", "village", "shell", "talks", "ceasefire"]
    bags = [Counter(rng.sample(words, rng.randint(0, 4))) for _ in range(60)]
    ii, jj, ss = _similarities(bags)
    got = {(int(i), int(j)): float(s) for i, j, s in zip(ii, jj, ss, strict=True)}
    want = {
        (i, j): _jaccard(bags[i], bags[j])
        for i in range(len(bags))
        for j in range(i + 1, len(bags))
        if _jaccard(bags[i], bags[j]) > 0
    }
    assert got == want
    assert list(got) == sorted(got)  # row order, as average-link's ties expect


def test_claims_past_max_claims_are_listed_unlinked() -> None:
    sentence = "Officials said the talks would continue next week in the capital. "
    text, n = sentence * 30, len(sentence)
    quotes = [
        Quote(
            content=Span(start=i * n + 15, end=(i + 1) * n - 2),
            cue=Span(start=i * n + 10, end=i * n + 14),
            stance="assert",
        )
        for i in range(30)
    ]
    article = Article(id="a", text=text, quotes=quotes)
    story = Story(id="s", title="t", article_ids=["a"])
    full = line_up_claims(story, [article])
    assert all(len(c.agrees) == 29 for c in full.claims)
    capped = line_up_claims(story, [article], max_claims=10)
    assert len(capped.claims) == 30
    assert [len(c.agrees) for c in capped.claims] == [9] * 10 + [0] * 20
    assert [c.proposition for c in capped.claims[10:]] == [""] * 20
    assert capped.claims[:10] == [
        c.model_copy(update={"agrees": [j for j in c.agrees if j < 10]}) for c in full.claims[:10]
    ]
