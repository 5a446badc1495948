"""A readable summary of records for people (Rich tables that fit an 80-column terminal).

Ids, dates and codes are never cut: their columns do not wrap; free text (titles, evidence)
wraps or is clipped with an ellipsis instead. ``--format json`` gives the full records.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from sitrep.model import Article, Event, OutcomeStatus

if TYPE_CHECKING:
    from sitrep.service import StoryView


def _clip(text: str, n: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _table(title: str, *columns: tuple[str, dict[str, Any]]) -> Table:
    """A borderless table; each column is (header, Rich column options)."""
    t = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    for header, options in columns:
        t.add_column(header, **options)
    return t


_KEEP: dict[str, Any] = {"no_wrap": True}  # ids, dates, codes: shown whole
_WRAP: dict[str, Any] = {"overflow": "fold"}  # names: wrapped, never cut
_TEXT: dict[str, Any] = {"ratio": 3, "min_width": 16}  # free text: takes what is left
_EVENT: dict[str, Any] = {"ratio": 2, "min_width": 14, "overflow": "fold"}


def when(e: Event) -> str:
    """An event date with its precision when coarser than a day ("2023-W21 week")."""
    if not e.date:
        return ""
    return e.date if e.date_precision in (None, "day") else f"{e.date}\n{e.date_precision}"


def _event(e: Event, outlet: str | None = None) -> Text:
    """Type, modality, actors, place (and outlet) of an event, one fact per line."""
    src = (e.source_actor.name or e.source_actor.text) if e.source_actor else ""
    tgt = (e.target_actor.name or e.target_actor.text) if e.target_actor else ""
    where = (e.place.name or e.place.text) if e.place else ""
    who = f"{src} → {tgt}" if src and tgt else src or (f"→ {tgt}" if tgt else "")
    acled = e.acled_sub_event_type or e.acled_event_type
    modality = e.modality + (f" by {e.claimant}" if e.claimant else "")
    text = Text(e.plover_type or "?", style="bold")
    for part in (acled, f"({modality})", who, f"@ {where}" if where else "", outlet):
        if part:
            text.append("\n" + " ".join(part.split()))
    return text


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
    console.print(head, soft_wrap=True)
    if article.title:
        console.print(Text(article.title, style="italic"))
    if status is not OutcomeStatus.OK:
        return

    if article.actors:
        t = _table(
            "Entities",
            ("actor", _WRAP),
            ("kind", _KEEP),
            ("country", _KEEP),
            ("role", {"ratio": 1}),
            ("mentions", {"justify": "right", **_KEEP}),
        )
        for a in article.actors:
            t.add_row(a.name, a.kind.value, a.country or "", a.role or "", str(len(a.mentions)))
        console.print(t)
    if article.quotes:
        t = _table("Quotes", ("speaker", _WRAP), ("cue", _WRAP), ("stance", _KEEP), ("says", _TEXT))
        for q in article.quotes:
            stance = q.stance + (f"\n({q.stance_label})" if q.stance_label else "")
            stance += "\nhedged" if q.hedged else ""
            stance += f"\nvia {q.channel}" if q.channel else ""
            t.add_row(
                q.speaker or article.snippet(q.source) or "?",
                article.snippet(q.cue),
                stance,
                Text(_clip(article.snippet(q.content), 160)),
            )
        console.print(t)
    if article.places:
        t = _table(
            "Places",
            ("text", _WRAP),
            ("resolved", _WRAP),
            ("geonames", _KEEP),
            ("admin1", _WRAP),
            ("cc", _KEEP),
            ("use", _KEEP),
        )
        for p in article.places:
            t.add_row(
                p.text,
                p.name or "-",
                str(p.geonames_id or ""),
                p.admin1 or "",
                p.country or "",
                "demonym" if p.demonym else ("literal" if p.literal else "metonymic"),
            )
        console.print(t)
    if article.times:
        t = _table(
            "Times", ("text", _WRAP), ("type", _KEEP), ("value", _KEEP), ("precision", _KEEP)
        )
        for x in article.times:
            value = x.value or f"unresolved{': ' + x.note if x.note else ''}"
            t.add_row(x.text, x.type, value, x.precision or "")
        console.print(t)
    if article.events:
        t = _table("Events", ("when", _KEEP), ("event", _EVENT), ("evidence", _TEXT))
        for e in article.events:
            t.add_row(when(e), _event(e), Text(_clip(article.snippet(e.evidence), 160)))
        console.print(t)


def _dates(start: date | None, end: date | None) -> str:
    if not start and not end:
        return ""
    return str(start or "?") if start == end or not end else f"{start or '?'}\n{end}"


def print_stories(console: Console, views: list[StoryView]) -> None:
    """The stories table: ids and dates are never cut (titles wrap), 80 columns suffice."""
    t = _table(
        "Stories",
        ("story", _KEEP),
        ("title", {"ratio": 1, "min_width": 12}),
        ("dates", _KEEP),
        ("docs", {"justify": "right", **_KEEP}),
        ("claims", {"justify": "right", **_KEEP}),
        ("contra", {"justify": "right", "header_style": "bold red", **_KEEP}),
    )
    for v in views:
        s = v.story
        t.add_row(
            s.id,
            s.title,
            _dates(s.start, s.end),
            str(len(s.article_ids)),
            str(len(s.claims)),
            str(sum(1 for c in s.claims if c.contradicts)),
        )
    console.print(t)


def print_story(console: Console, view: StoryView) -> None:
    """A story: its events in time order, its claims (contradictions marked), its outlets."""
    story = view.story
    console.print(Text.assemble((story.id, "bold"), "  ", (story.title, "italic")))
    console.print(
        f"{len(story.article_ids)} articles, {story.start or '?'} to {story.end or '?'}; "
        f"outlets: {', '.join(view.outlets())}"
    )
    t = _table("Timeline", ("when", _KEEP), ("event", _EVENT), ("evidence", _TEXT))
    for article, i in view.timeline():
        e = article.events[i]
        outlet = f"— {article.source or article.id}"
        t.add_row(when(e), _event(e, outlet), Text(_clip(article.snippet(e.evidence), 160)))
    console.print(t)
    t = _table(
        "Claims",
        ("#", {"justify": "right", **_KEEP}),
        ("speaker", {"ratio": 1, **_WRAP}),
        ("stance", _KEEP),
        ("claim", _TEXT),
        ("vs", {"ratio": 1, "min_width": 6, **_WRAP}),
    )
    for n, c in enumerate(story.claims):
        stance = c.stance + ("\nhedged" if c.hedged else "")
        style = "bold red" if c.contradicts else ""
        links = [" ".join(f"≠{i}" for i in c.contradicts), " ".join(f"={i}" for i in c.agrees)]
        t.add_row(
            str(n),
            c.speaker or "?",
            Text(stance, style=style),
            Text(_clip(c.sentence, 160) + (f"\n— {c.outlet or c.article_id}")),
            Text("\n".join(x for x in links if x), style="bold red" if c.contradicts else ""),
        )
    console.print(t)
