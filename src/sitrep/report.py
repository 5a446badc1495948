"""A readable summary of an article record for people (Rich tables)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table
from rich.text import Text

from sitrep.model import Article, OutcomeStatus

if TYPE_CHECKING:
    from sitrep.service import StoryView


def _clip(text: str, n: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def print_article(console: Console, article: Article) -> None:
    """Print entities, quotes (speaker, cue, stance), places, times and events."""
    status = article.outcome.status
    colour = {"ok": "green", "skipped": "yellow", "failed": "red"}[status.value]
    head = Text.assemble(
        (article.id, "bold"),
        "  ",
        (str(article.outcome), colour),
        f"  published {article.published}" if article.published else "",
    )
    console.rule(head)
    if article.title:
        console.print(Text(article.title, style="italic"))
    if status is not OutcomeStatus.OK:
        return

    if article.actors:
        t = Table(
            "actor", "kind", "country", "role", "mentions", title="Entities", title_justify="left"
        )
        for a in article.actors:
            t.add_row(a.name, a.kind.value, a.country or "", a.role or "", str(len(a.mentions)))
        console.print(t)
    if article.quotes:
        t = Table(
            "speaker", "cue", "stance", "channel", "says", title="Quotes", title_justify="left"
        )
        for q in article.quotes:
            stance = q.stance + (f" ({q.stance_label})" if q.stance_label else "")
            stance += ", hedged" if q.hedged else ""
            t.add_row(
                q.speaker or article.snippet(q.source) or "?",
                article.snippet(q.cue),
                stance,
                q.channel or "",
                Text(_clip(article.snippet(q.content))),
            )
        console.print(t)
    if article.places:
        t = Table(
            "text", "resolved", "admin1", "country", "use", title="Places", title_justify="left"
        )
        for p in article.places:
            t.add_row(
                p.text,
                f"{p.name} ({p.geonames_id})" if p.geonames_id else "-",
                p.admin1 or "",
                p.country or "",
                "demonym" if p.demonym else ("literal" if p.literal else "metonymic"),
            )
        console.print(t)
    if article.times:
        t = Table("text", "type", "value", title="Times", title_justify="left")
        for x in article.times:
            t.add_row(x.text, x.type, x.value or f"unresolved{': ' + x.note if x.note else ''}")
        console.print(t)
    if article.events:
        t = Table(
            "PLOVER",
            "ACLED",
            "actor1",
            "actor2",
            "where",
            "when",
            "modality",
            "evidence",
            title="Events",
            title_justify="left",
        )
        for e in article.events:
            t.add_row(
                e.plover_type or "",
                " / ".join(x for x in (e.acled_event_type, e.acled_sub_event_type) if x),
                (e.source_actor.name or e.source_actor.text) if e.source_actor else "",
                (e.target_actor.name or e.target_actor.text) if e.target_actor else "",
                (e.place.name or e.place.text) if e.place else "",
                e.date or "",
                e.modality + (f" by {e.claimant}" if e.claimant else ""),
                Text(_clip(article.snippet(e.evidence), 60)),
            )
        console.print(t)


def print_story(console: Console, view: StoryView) -> None:
    """A story: its events in time order, its claims (contradictions marked), its outlets."""
    story = view.story
    console.rule(Text.assemble((story.title, "bold"), f"  {story.id}"))
    console.print(
        f"{len(story.article_ids)} articles, {story.start or '?'} to {story.end or '?'}; "
        f"outlets: {', '.join(view.outlets())}"
    )
    t = Table("when", "PLOVER", "ACLED", "actor1", "where", "modality", "outlet", "evidence",
              title="Timeline", title_justify="left")  # fmt: skip
    for article, i in view.timeline():
        e = article.events[i]
        t.add_row(
            e.date or "",
            e.plover_type or "",
            e.acled_sub_event_type or "",
            (e.source_actor.name or e.source_actor.text) if e.source_actor else "",
            (e.place.name or e.place.text) if e.place else "",
            e.modality,
            article.source or article.id,
            Text(_clip(article.snippet(e.evidence), 70)),
        )
    console.print(t)
    t = Table("#", "proposition", "speaker", "stance", "outlet", "claim", "contradicts", "agrees",
              title="Claims", title_justify="left")  # fmt: skip
    for n, c in enumerate(story.claims):
        stance = c.stance + (", hedged" if c.hedged else "")
        style = "bold red" if c.contradicts else ""
        t.add_row(
            str(n),
            c.proposition,
            c.speaker or "?",
            Text(stance, style=style),
            c.outlet or c.article_id,
            Text(_clip(c.sentence, 80)),
            Text(" ".join(f"#{i}" for i in c.contradicts), style="bold red"),
            " ".join(f"#{i}" for i in c.agrees),
        )
    console.print(t)
