"""Story clustering on small hand-written articles (no model needed)."""

from __future__ import annotations

import random
from datetime import date

import numpy as np
import pytest

from sitrep.corpus.clustering import average_link
from sitrep.corpus.stories import (
    ClusterParams,
    StoryClusterer,
    article_features,
    cluster_articles,
    story_id,
)
from sitrep.model import Actor, ActorKind, Article, Mention, Place, Span

# Two stories of the same kind (earthquakes), told apart by where and when, plus a third.
QUAKE_A = [
    "Strong earthquake hits Valdoria\nA magnitude 6.8 earthquake struck the mountain town of "
    "Pellaro in Valdoria on Tuesday, killing at least 40 people, officials said in March 2019. "
    "Rescue teams searched collapsed buildings in Pellaro through the night.",
    "Death toll rises after Pellaro earthquake\nThe toll from the earthquake that hit Pellaro, "
    "Valdoria, rose to 52 as rescuers pulled more bodies from the rubble. Governor Anna Brisk "
    "said the March 2019 quake was the worst in decades.",
    "Valdoria mourns quake victims\nFuneral services were held in Pellaro for victims of the "
    "earthquake. Anna Brisk, the regional governor, promised to rebuild homes destroyed in "
    "Valdoria's deadliest quake since 1980. The 2019 disaster left thousands homeless.",
]
QUAKE_B = [
    "Earthquake shakes Morvath coast\nA magnitude 6.1 earthquake struck near the port city of "
    "Tesskar in Morvath on Sunday, killing 12 people, the interior ministry said in 2023. "
    "Rescue teams searched collapsed buildings in Tesskar.",
    "Tesskar counts the cost of earthquake\nRescuers in Tesskar, Morvath, found more bodies in "
    "the rubble, raising the earthquake death toll to 19. Mayor Ilya Demko said the 2023 quake "
    "destroyed the old harbour.",
    "Morvath quake: aid arrives in Tesskar\nAid convoys reached Tesskar two days after the "
    "earthquake. Mayor Ilya Demko thanked rescue teams working in Morvath since the 2023 quake "
    "destroyed hundreds of homes.",
]
FOOTBALL = [
    "Harlow United sign striker Dario Venn\nHarlow United have completed the signing of striker "
    "Dario Venn from Castel Rovers for a club record fee, the club announced on Friday.",
    "Venn joins Harlow in record transfer\nDario Venn became Harlow United's most expensive "
    "player after his move from Castel Rovers. Manager Tom Ashby said Venn will lead the attack.",
]


def _articles(texts: list[str], prefix: str) -> list[Article]:
    return [Article(id=f"{prefix}{i}", text=t) for i, t in enumerate(texts)]


def _corpus() -> list[Article]:
    return _articles(QUAKE_A, "qa") + _articles(QUAKE_B, "qb") + _articles(FOOTBALL, "fb")


def _groups(articles: list[Article]) -> set[frozenset[str]]:
    by_story: dict[str | None, set[str]] = {}
    for a in articles:
        by_story.setdefault(a.story, set()).add(a.id)
    return {frozenset(v) for v in by_story.values()}


EXPECTED = {
    frozenset({"qa0", "qa1", "qa2"}),
    frozenset({"qb0", "qb1", "qb2"}),
    frozenset({"fb0", "fb1"}),
}


def test_same_kind_different_story_kept_apart() -> None:
    articles = _corpus()
    stories = cluster_articles(articles)
    assert _groups(articles) == EXPECTED
    assert len(stories) == 3
    assert all(a.story is not None for a in articles)


def test_story_records() -> None:
    articles = _corpus()
    stories = cluster_articles(articles)
    quake_a = next(s for s in stories if "qa0" in s.article_ids)
    assert quake_a.id == story_id("qa0")  # seeded by the earliest (here: first by id) article
    assert sorted(quake_a.article_ids) == ["qa0", "qa1", "qa2"]
    assert quake_a.title in {t.split("\n", 1)[0] for t in QUAKE_A}
    assert quake_a.claims == []


def test_ids_deterministic_and_order_independent() -> None:
    first = _corpus()
    cluster_articles(first)
    shuffled = _corpus()
    random.Random(3).shuffle(shuffled)
    cluster_articles(shuffled)
    assert {a.id: a.story for a in first} == {a.id: a.story for a in shuffled}


def test_entity_fields_used_when_present() -> None:
    text = "Minister Jo Karr met Ulla Senn in Brevik.\nThey spoke for an hour."
    art = Article(
        id="x",
        text=text,
        mentions=[
            Mention(span=Span(start=9, end=16), text="Jo Karr", label="PERSON"),
            Mention(span=Span(start=21, end=30), text="Ulla Senn", label="PERSON", actor_id="a1"),
        ],
        actors=[Actor(id="a1", name="Ulla Senn-Berg", kind=ActorKind.PERSON)],
        places=[Place(span=Span(start=34, end=40), text="Brevik", geonames_id=42)],
        published=date(2021, 5, 4),
    )
    feats = article_features(art)
    assert "e:jo_karr" in feats.entities and "e:karr" in feats.entities
    assert "e:ulla_senn-berg" in feats.entities  # canonical actor name wins over the mention
    assert "g:42" in feats.entities
    assert feats.years == {"2021"}


def test_text_fallback_without_entity_fields() -> None:
    art = Article(
        id="x",
        text="The flood hit Lower Marsh on Monday. Residents of Lower Marsh "
        "fled in 1998 and again in 2024, said Petra Quill.",
    )
    feats = article_features(art)
    assert "e:lower_marsh" in feats.entities
    assert "e:petra_quill" in feats.entities and "e:quill" in feats.entities
    assert "e:the" not in feats.entities and "e:monday" not in feats.entities
    assert feats.years == {"1998", "2024"}


def test_time_window_splits_far_apart_dates() -> None:
    texts = [QUAKE_A[0], QUAKE_A[1]]
    arts = _articles(texts, "w")
    arts[0].published = date(2019, 3, 5)
    arts[1].published = date(2019, 9, 5)
    cluster_articles(arts, ClusterParams(window_days=30))
    assert arts[0].story != arts[1].story
    arts[1].published = date(2019, 3, 7)
    stories = cluster_articles(arts, ClusterParams(window_days=30))
    assert arts[0].story == arts[1].story
    assert (stories[0].start, stories[0].end) == (date(2019, 3, 5), date(2019, 3, 7))


def test_average_link_matches_scipy() -> None:
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    rng = np.random.default_rng(0)
    points = rng.random((40, 5))
    sims = (
        points @ points.T / np.outer(np.linalg.norm(points, axis=1), np.linalg.norm(points, axis=1))
    )
    ii, jj = np.triu_indices(40, k=1)
    ours = average_link(40, ii, jj, sims[ii, jj], threshold=0.93)
    dist = 1.0 - sims
    np.fill_diagonal(dist, 0.0)
    ref = fcluster(linkage(squareform(dist, checks=False), "average"), 0.07, "distance")
    pairs_ours = {(i, j) for i in range(40) for j in range(i) if ours[i] == ours[j]}
    pairs_ref = {(i, j) for i in range(40) for j in range(i) if ref[i] == ref[j]}
    assert pairs_ours == pairs_ref


def test_online_clusterer_groups_as_articles_arrive() -> None:
    clusterer = StoryClusterer()
    articles = _corpus()
    ids = clusterer.add_all(articles)
    assert ids == [a.story for a in articles]
    assert _groups(articles) == EXPECTED
    assert len(clusterer) == len(articles)
    assert len(clusterer.stories) == 3
    assert articles[0].story == story_id("qa0")


def test_online_window_closes_old_stories() -> None:
    clusterer = StoryClusterer(ClusterParams(window_days=10))
    arts = _articles(QUAKE_A[:2], "o")
    arts[0].published = date(2019, 3, 5)
    arts[1].published = date(2019, 6, 5)
    assert clusterer.add(arts[0]) != clusterer.add(arts[1])


@pytest.mark.parametrize("n", [0, 1])
def test_tiny_inputs(n: int) -> None:
    articles = _articles(FOOTBALL[:n], "t")
    stories = cluster_articles(articles)
    assert len(stories) == n
    assert all(a.story for a in articles)


# Three unrelated reports that share only the words of any news report ("police",
# "said", "officials", "Tuesday"): a batch of them is three stories, not one.
UNRELATED = [
    "Ferry sinks off Lamora\nA passenger ferry sank off the island of Lamora on Tuesday and "
    "coast guard divers recovered nine bodies, police said. Officials said the vessel carried "
    "twice its licensed load of cargo and passengers.",
    "Mayor of Brenwick charged with fraud\nPolice arrested the mayor of Brenwick, Olaf Quint, "
    "on Tuesday over contracts for the city's tram line, officials said. Prosecutors said "
    "Quint steered the tenders to a company owned by his cousin.",
    "Vintners protest import quotas in Sorrel\nHundreds of vintners drove tractors into Sorrel "
    "on Monday to protest new import quotas, police said. Their union said it would meet the "
    "agriculture minister next week and block the harbour road if the quotas stayed.",
]


def test_a_small_batch_of_unrelated_articles_is_one_story_each() -> None:
    articles = _articles(UNRELATED, "un")
    cluster_articles(articles, with_claims=False)
    assert len({a.story for a in articles}) == 3
    # Two reports of one story in the same small batch still join.
    articles = _articles(UNRELATED[:1], "un") + _articles(QUAKE_A[:2], "qa")
    cluster_articles(articles, with_claims=False)
    assert articles[1].story == articles[2].story != articles[0].story
