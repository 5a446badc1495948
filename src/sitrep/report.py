"""A readable summary of an article record for people (Rich tables)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from sitrep.model import Article, OutcomeStatus


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
