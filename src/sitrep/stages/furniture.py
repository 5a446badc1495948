"""Site furniture inside an article's text: lines a page puts around and between paragraphs that
are not the article (newsletter prompts, share lines, teasers for other stories, credits,
update stamps, related-story blocks).

:func:`find_furniture` names each such line with its kind; :func:`remove_furniture` drops them
and returns what it dropped, so the extract stage can record the reason. The rules look at one
line at a time (plus the line after a teaser label or a block header) and only at short lines:
a sentence that merely mentions a newsletter or a photo is body text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

__all__ = ["Furniture", "FurnitureKind", "find_furniture", "is_furniture", "remove_furniture"]

FurnitureKind = Literal[
    "newsletter prompt", "share line", "teaser", "credit", "update stamp", "related block"
]

_WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_TERMINAL_RE = re.compile(r"[.!?…][\"'”’»)\]]*$")
_EDGE = " \t\u00a0*•·-–—|>»›#=_~"

# ---- newsletter prompts ----------------------------------------------------------------------
_NEWSLETTER_TOPIC_RE = re.compile(r"\b(?:inbox(?:es)?|newsletters?|e-?mail alerts?)\b", re.I)
_NEWSLETTER_CALL_RE = re.compile(
    r"\b(?:sign(?:ing)? ?up|subscrib\w*|get|receive|delivered|straight to|meet|enter|your email|"
    r"never miss|don'?t miss|join|register|want|like (?:this|what)|love|stay (?:informed|up)|"
    r"keep up|hit|land|sent)\b",
    re.I,
)

# ---- share lines -----------------------------------------------------------------------------
_SHARE_WORDS = frozenset(
    "share shares shared sharing tweet tweets retweet email e mail print pin save bookmark copy "
    "link url whatsapp facebook twitter x linkedin reddit pinterest telegram messenger flipboard "
    "tumblr threads bluesky mastodon sms vk google plus on via with it this a an the friend "
    "friends article story page post video your to click opens in new window comment comments "
    "and or".split()
)
_SHARE_VERB = frozenset("share shares tweet email print pin".split())

# ---- teasers ---------------------------------------------------------------------------------
_TEASER_LABEL_RE = re.compile(
    r"(?:see|read|watch|listen|view|also read|read also|also see|see also|also watch|"
    r"related|related (?:story|stories|article|articles|coverage|content|video|link)|"
    r"more|more (?:on|from) (?:this|the) (?:story|topic)|don'?t miss|must read|recommended|"
    r"trending|top stories|up next|next|click here|read (?:more|next|this)|see more|"
    r"more (?:news|stories|coverage)|latest|(?:also|more) on [\w'’.&-]+(?: [\w'’.&-]+){0,3})"
    r"\s*[:>»|-]+\s+\S.*",
    re.I,
)
_ALSO_ON_RE = re.compile(r"also on(?: [\w'’.&-]+){1,4}", re.I)

# ---- credits ---------------------------------------------------------------------------------
_CONTRIBUTED_RE = re.compile(
    r".*\b(?:contributed|contributing|contributed reporting)\b.*\b(?:report|reporting|story|"
    r"article|coverage|research)\b.*|contributing(?: reporting| writers?| editors?)?\s*:.*|"
    r"(?:additional )?reporting by .*|(?:writing|editing|edited|compiled|research) by .*|"
    r"(?:with )?(?:additional )?reporting (?:from|by) .*",
    re.I,
)
_PHOTO_RE = re.compile(
    r"\(?\s*(?:photo(?:graph)?s?|images?|pictures?|picture credit|photo credit|image credit|"
    r"image copyright|image caption|media caption|copyright|credit|file photo|pool photo|"
    r"video|illustration|graphic)\s*(?::|by\b|/|©|courtesy\b|credit\b|copyright\b).*",
    re.I,
)
_AGENCY_RE = re.compile(
    r"\b(?:getty(?: images)?|ap photo|afp|reuters|epa(?:-efe)?|shutterstock|alamy|unsplash|"
    r"associated press|istock(?:photo)?|sipa|anadolu|xinhua|tass|bloomberg|pa wire|"
    r"pa images|via getty|nurphoto|zuma(?: press)?|imago)\b",
    re.I,
)

# ---- update stamps ---------------------------------------------------------------------------
_STAMP_HEAD_RE = re.compile(
    r"\(?\s*(?:last )?(?:updated?|modified|published|posted|first published|originally "
    r"published)(?: on| at)?\s*:?\s*(?P<rest>.*)",
    re.I,
)
_DATE_TOKENS = frozenset(
    "jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june "
    "july august september october november december mon tue tues wed thu thur thurs fri sat "
    "sun monday tuesday wednesday thursday friday saturday sunday am pm a m p noon midnight et "
    "est edt ct cst cdt mt mst mdt pt pst pdt gmt utc bst cet cest ist aest hrs hours hour "
    "minutes minute mins min ago at on today yesterday and".split()
)

# ---- related-story blocks --------------------------------------------------------------------
_BLOCK_HEADER_RE = re.compile(
    r"(?:related(?: (?:stories|articles|coverage|content|links|posts|news|topics|reading|"
    r"videos|items))?|more (?:from|on|in) (?:the |our )?[\w'’.&-]+(?: [\w'’.&-]+){0,3}|"
    r"more (?:stories|news|coverage|headlines|to read|like this)|"
    r"you (?:may|might|could) (?:also )?(?:like|enjoy|be interested in)|"
    r"recommended(?: for you| stories| reading| articles)?|"
    r"most (?:read|popular|viewed|shared|recent|commented)|top stories|trending(?: now| stories)?|"
    r"read next|up next|what to read next|further reading|latest (?:news|stories|headlines)|"
    r"(?:from )?around the web|(?:sponsored|promoted|partner) (?:stories|content|links)|"
    r"editor'?s? picks|don'?t miss|in other news|elsewhere on [\w'’.&-]+(?: [\w'’.&-]+){0,2}|"
    r"(?:more|other) (?:top )?stories(?: from [\w'’.&-]+(?: [\w'’.&-]+){0,3})?)",
    re.I,
)


@dataclass(frozen=True)
class Furniture:
    """One line of site furniture: its kind, the line's index and its text."""

    kind: FurnitureKind
    line: int
    text: str


def _core(line: str) -> str:
    return line.strip().strip(_EDGE).strip()


def _words(text: str) -> list[str]:
    return _WORD_RE.findall(text)


def _looks_like_headline(line: str) -> bool:
    """A short line that reads as another story's headline (not a sentence of running text)."""
    core = _core(line)
    n = len(_words(core))
    return 2 <= n <= 22 and not (_TERMINAL_RE.search(core) and n > 14)


def is_furniture(line: str) -> FurnitureKind | None:
    """The kind of furniture a single line is, judged on its own (None: not furniture)."""
    core = _core(line)
    words = _words(core)
    n = len(words)
    if not n or n > 40:
        return None
    lower = [w.lower() for w in words]
    # share buttons: only share words, with a share verb ("Share on Facebook Share on Twitter",
    # "Share it with a friend!", "Click to share on X (Opens in new window)")
    if n <= 16 and all(w in _SHARE_WORDS for w in lower) and _SHARE_VERB & set(lower):
        return "share line"
    if n <= 30 and _NEWSLETTER_TOPIC_RE.search(core) and _NEWSLETTER_CALL_RE.search(core):
        return "newsletter prompt"
    if n <= 40 and _CONTRIBUTED_RE.fullmatch(core):
        return "credit"
    if n <= 25 and _PHOTO_RE.fullmatch(core):
        return "credit"
    if n <= 10 and _AGENCY_RE.search(core) and ("/" in core or core.startswith("(")):
        return "credit"
    stamp = _STAMP_HEAD_RE.fullmatch(core)
    if stamp and n <= 16:
        rest = [w.lower() for w in _words(stamp.group("rest"))]
        if rest and all(w.isdigit() or w in _DATE_TOKENS for w in rest):
            return "update stamp"
    if n <= 30 and _TEASER_LABEL_RE.fullmatch(core) and core.split(":", 1)[0].strip():
        label = re.split(r"\s*[:>»|-]+\s+", core, maxsplit=1)
        if len(label) == 2 and _looks_like_headline(label[1]):
            return "teaser"
    return None


def _block_items(following: list[str]) -> int:
    """How many of the (non-blank) lines after a related-story header belong to its block:
    headlines ("Island school reopens after flooding"), or headline and summary pairs
    ("Nikki Haley Just Won't Quit" / "Despite losing her home state's primary, she's ...")."""
    if not following or not _looks_like_headline(following[0]):
        return 0  # a header with running text after it is a heading of the article
    headlines = 0
    for line in following[:30]:
        if not _looks_like_headline(line) or _TERMINAL_RE.search(_core(line)):
            break
        headlines += 1
    pairs = 0
    while 2 * pairs + 1 < len(following):
        head, summary = following[2 * pairs], following[2 * pairs + 1]
        n_head, n_summary = len(_words(head)), len(_words(summary))
        if not (2 <= n_head <= 30 and 5 <= n_summary <= 40):
            break
        if not _TERMINAL_RE.search(_core(summary)):
            break
        pairs += 1
    return max(headlines, 2 * pairs if pairs >= 2 else 0)


def find_furniture(text: str) -> list[Furniture]:
    """Every furniture line of ``text`` (line index = position in ``text.splitlines()``).

    Besides single lines (:func:`is_furniture`): an "Also on <site>" label takes the headline
    after it; a related-story header ("More from <site>", "Related stories", "You may also
    like") takes the headlines (or headline and summary pairs) after it.
    """
    lines = text.splitlines()
    found: dict[int, FurnitureKind] = {}
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    for k, i in enumerate(nonblank):
        if i in found:
            continue
        line = lines[i]
        kind = is_furniture(line)
        if kind:
            found[i] = kind
            continue
        core = _core(line)
        following = nonblank[k + 1 :]
        if _ALSO_ON_RE.fullmatch(core.rstrip(":")):
            found[i] = "teaser"
            if following and _looks_like_headline(lines[following[0]]):
                found[following[0]] = "teaser"
            continue
        if len(_words(core)) <= 8 and _BLOCK_HEADER_RE.fullmatch(core.rstrip(":").strip()):
            taken = _block_items([lines[j] for j in following])
            if taken:
                found[i] = "related block"
                for j in following[:taken]:
                    found[j] = "related block"
    return [Furniture(kind, i, lines[i]) for i, kind in sorted(found.items())]


def remove_furniture(text: str) -> tuple[str, list[Furniture]]:
    """``text`` without its furniture lines (and the blank lines they leave), and what went.

    Returns ``text`` itself when there is none, so plain text stays byte-identical.
    """
    found = find_furniture(text)
    if not found:
        return text, []
    drop = {f.line for f in found}
    lines = text.splitlines(keepends=True)
    kept: list[str] = []
    skipping_blank = True
    for i, line in enumerate(lines):
        if i in drop:
            skipping_blank = True
            continue
        if skipping_blank and not line.strip() and (not kept or not kept[-1].strip()):
            continue
        skipping_blank = False
        kept.append(line)
    return "".join(kept).rstrip(), found
