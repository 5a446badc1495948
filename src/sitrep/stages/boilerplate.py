"""Plain text: removal of site navigation and other boilerplate lines at the edges of scraped
text (part of the extract stage). Text without boilerplate is kept byte-identical."""

from __future__ import annotations

import re

# ---- plain-text boilerplate ------------------------------------------------------------------

_W = r"[\w'’&.-]+"
_BOILERPLATE_LINE_RE = re.compile(
    r"(?:"
    r"(?:back|return|go|jump|skip|scroll)(?: to)?(?: the)? (?:top|main content|content|"
    r"navigation|menu|home(?:page)?)(?: of (?:the )?page)?"
    rf"|(?:more|latest|also) (?:in|from|on|about)(?: {_W}){{1,4}}"
    rf"|(?:read|see|view|show|load) (?:more|all|full|the full)(?: {_W}){{0,4}}"
    r"|(?:continue reading|keep reading|read on|read next|up next|what to read next)"
    rf"(?: {_W}){{0,3}}"
    r"|(?:share|tweet|email|e-mail|print|save|pin|like|bookmark)(?: (?:this|the))?"
    r"(?: (?:article|story|page|post|video|link|on \w+))?"
    rf"|share (?:on|via|with)(?: {_W}){{1,3}}"
    rf"|(?:subscribe|sign up|sign in|log ?in|log ?out|register|follow us|join us|newsletters?)"
    rf"(?: {_W}){{0,5}}"
    r"|(?:related|recommended|popular|trending|top stories|editor'?s picks|further reading|"
    r"most (?:read|popular|viewed|shared|recent)|you (?:may|might) (?:also )?(?:like|enjoy)|"
    rf"related (?:articles|stories|content|topics|coverage|news|posts))(?: {_W}){{0,3}}"
    r"|advertisement|advertising|advert|sponsored(?: content)?|promoted(?: content)?|ads?"
    r"|\d* ?comments?|leave a (?:comment|reply)|add (?:a )?comment|show comments|"
    r"comment on this(?: story| article)?|join the (?:conversation|discussion)"
    r"|(?:tags?|topics?|filed under|categories|category|keywords)(?: ?: .*)?"
    r"|menu|main menu|home|search|close|toggle navigation|navigation|skip navigation|"
    r"previous|next|prev|(?:previous|next|prev) (?:article|story|post|page)"
    r"|(?:©|\(c\)|copyright).*|all rights reserved.*"
    r"|(?:privacy policy|privacy|terms (?:of use|of service|and conditions)|"
    r"cookie (?:policy|settings|preferences)|contact us|about us|site ?map|accessibility)"
    r"(?:\s*[|•·/,-]\s*.*)?"
    r"|accept|accept all|accept cookies|reject all|manage (?:cookies|preferences|settings)|"
    r"got it|i agree|dismiss"
    r"|click here.*|loading|please wait"
    r"|(?:listen|watch)(?: to)?(?: this)?(?: article| story| video)?(?: \d+ min\w*)?"
    r"|\d+ min(?:ute)?s? read"
    r")",
    re.IGNORECASE,
)
_BOILERPLATE_SENTENCE_RE = re.compile(
    r"\bcookies?\b.*\b(?:use|accept|consent|policy|settings|agree|continu\w*)\b|"
    r"\b(?:use|accept|consent|policy|settings|agree|continu\w*)\b.*\bcookies?\b|"
    r"\bjavascript\b.*\b(?:enable|disabled|browser)\b|\byour browser\b.*\b(?:support|update)\b",
    re.IGNORECASE,
)
_SOCIAL = frozenset(
    "facebook twitter x linkedin email e-mail whatsapp telegram reddit pinterest print copy "
    "link share messenger vk flipboard tumblr threads bluesky mastodon sms".split()
)
_NAV_SEP_RE = re.compile(r"\s*(?:\||•|·|»|›|::)\s*|\s+(?:>|/)\s+")
_EDGE_PUNCT = " \t\u00a0*•·-–—|>»›:#=_~"
_TERMINAL_RE = re.compile(r"[.!?…][\"'”’»)\]]*$")
_WORD_RE = re.compile(r"\w+")
_HAS_LETTER_RE = re.compile(r"[^\W\d_]")


def _words(line: str) -> int:
    return len(_WORD_RE.findall(line))


def _is_boilerplate(line: str) -> bool:
    """A line that is site furniture: a navigation phrase, a menu trail, share buttons, a cookie
    or JavaScript notice."""
    core = line.strip().strip(_EDGE_PUNCT).strip()
    if not core:
        return False
    words = _words(core)
    # the word count first: the sentence patterns backtrack over a long line (quadratic)
    if words <= 60 and _BOILERPLATE_SENTENCE_RE.search(core):
        return True
    if words > 8:
        return False
    if _BOILERPLATE_LINE_RE.fullmatch(core.rstrip(".…:!")):
        return True
    tokens = [t.lower() for t in _WORD_RE.findall(core)]
    if tokens and all(t in _SOCIAL for t in tokens) and len(tokens) >= 2:
        return True
    # a menu trail: "Home | World | Europe", "News > World > Europe" (not a date "03 / 08 / 2013")
    parts = [p for p in _NAV_SEP_RE.split(core) if p]
    return len(parts) >= 3 and all(_words(p) <= 3 and _HAS_LETTER_RE.search(p) for p in parts)


def _is_paragraph(line: str) -> bool:
    """A line of running text: a few words ending as a sentence ends, or a long line."""
    core = line.strip()
    n = _words(core)
    return (n >= 8 and bool(_TERMINAL_RE.search(core))) or n >= 25


def strip_boilerplate(text: str) -> str:
    """Remove site navigation before the first and after the last paragraph of scraped text.

    Returns ``text`` itself when nothing is removed. Otherwise the kept lines are returned as
    they were (indentation and inner line breaks untouched), without leading blank lines and
    trailing whitespace. Lines that are not boilerplate (a headline, a byline) are kept.
    """
    lines = text.splitlines(keepends=True)
    first = next(
        (i for i, ln in enumerate(lines) if _is_paragraph(ln) and not _is_boilerplate(ln)), None
    )
    if first is None:
        return text
    last = next(
        i
        for i in range(len(lines) - 1, first - 1, -1)
        if _is_paragraph(lines[i]) and not _is_boilerplate(lines[i])
    )
    drop: set[int] = set()
    # before the body: boilerplate lines, and short menu items among them
    head = [i for i in range(first) if lines[i].strip()]
    flagged = [i for i in head if _is_boilerplate(lines[i])]
    if flagged:
        last_flag = flagged[-1]
        for i in head:
            if i in flagged or (
                i < last_flag
                and _words(lines[i]) <= 3
                and not _TERMINAL_RE.search(lines[i].strip())
            ):
                drop.add(i)
    # after the body: everything from the first boilerplate line on
    tail = [i for i in range(last + 1, len(lines)) if lines[i].strip()]
    cut = next((i for i in tail if _is_boilerplate(lines[i])), None)
    if cut is not None:
        drop.update(range(cut, len(lines)))
    if not drop:
        return text
    kept: list[str] = []
    skipping_blank = True  # blank lines after a dropped line (and at the start) go too
    for i, line in enumerate(lines):
        if i in drop:
            skipping_blank = True
            continue
        if skipping_blank and not line.strip():
            continue
        skipping_blank = False
        kept.append(line)
    return "".join(kept).rstrip()
