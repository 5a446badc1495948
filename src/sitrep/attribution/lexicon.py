"""Small hand-written lexicons for stance, hedges and channels of attributed statements."""

from __future__ import annotations

import re

DENY_CUES = frozenset(
    {
        "deny",
        "reject",
        "refute",
        "dismiss",
        "dispute",
        "rebut",
        "disavow",
        "contradict",
        "debunk",
        "disown",
        "repudiate",
        "rebuff",
        "contest",
    }
)
CONFIRM_CUES = frozenset(
    {"confirm", "acknowledge", "admit", "verify", "corroborate", "concede", "affirm", "confess"}
)
# a refusal to speak or act ("declined to comment", "refused to say whether") and a negated
# disclosure ("did not say when", "would not comment on", "didn't specify") assert nothing;
# PolNeAR still marks them as attributions, the news statement gold does not code them
REFUSAL_CUES = frozenset({"decline", "refuse"})
DISCLOSURE_CUES = frozenset(
    {
        "say",
        "comment",
        "specify",
        "respond",
        "reply",
        "answer",
        "disclose",
        "reveal",
        "elaborate",
        "explain",
        "address",
        "discuss",
        "identify",
        "mention",
        "detail",
    }
)
# commitments and threats are not assertions about the world
COMMIT_CUES = frozenset({"pledge", "vow", "promise", "threaten", "swear"})
REQUEST_CUES = frozenset(
    {
        "appeal",
        "urge",
        "call",
        "ask",
        "demand",
        "request",
        "plead",
        "implore",
        "beg",
        "encourage",
        "invite",
        "order",
        "instruct",
        "advise",
        "exhort",
        "petition",
    }
)
# "call" is a request only as "call on/for"
REQUEST_NEEDS_PARTICLE = frozenset({"call"})
SPECULATE_CUES = frozenset(
    {
        "suggest",
        "speculate",
        "guess",
        "suspect",
        "predict",
        "estimate",
        "hypothesize",
        "hypothesise",
        "imply",
        "hint",
        "surmise",
        "conjecture",
        "wonder",
        "appear",
        "seem",
        "forecast",
        "anticipate",
        "believe",
        "fear",
    }
)

DENY_CONTENT = re.compile(
    r"\b(?:(?:has|have|had) nothing to do with|not (?:involved|responsible)|no (?:involvement|"
    r"responsibility|role)|(?:is|are|was|were) (?:false|untrue|fake|baseless)|"
    r"(?:never|not) (?:happened|true)|no evidence|not credible|no knowledge of)\b",
    re.IGNORECASE,
)
# the content opens with the speaker's own belief: "I think ...", "he fears ..."
BELIEF_CONTENT = re.compile(
    r"^\W*(?:I|we|he|she|they)\s+(?:do not |don[’']t |does not |doesn[’']t )?"
    r"(?:think|believe|fear|fears|suspect|suspects|guess|expect|expects)\b"
    r"(?!\s+(?:in|of|about)\b)",  # "we believe in ...": a value, not a belief that
    re.IGNORECASE,
)
# plain speech verbs: with a modal "may"/"might" in the content the speaker speculates
NEUTRAL_SPEECH = frozenset({"say", "tell", "add", "note", "write", "state"})
NO_COMMENT = re.compile(
    r"\b(?:could not|couldn[’']t|cannot|can[’']t|would not|wouldn[’']t|declined to|will not|"
    r"won[’']t) (?:comment|discuss|say)\b",
    re.IGNORECASE,
)
# adverbs that attribute a clause to unnamed reports ("X was reportedly Y"); PolNeAR train
# marks "reportedly" as a cue 19 times in 29, "allegedly" 2 in 12 (left out)
# "As <X> <verb>, <clause>": a verb at least this often a cue in PolNeAR train (or a listed
# speech verb) reports the clause; "as she looks to ..." is a time clause
AS_CLAUSE_RATE = 0.5
# speech verbs whose plain lemma is rarely a cue: "point out", "set out", "spell out"
PHRASAL_CUES = {"point": "out", "set": "out", "spell": "out", "lay": "out"}
# a recording or picture as the subject of "show": a depiction, not a statement
DEPICTION_NOUNS = frozenset(
    {
        "video",
        "footage",
        "photo",
        "photograph",
        "image",
        "picture",
        "computer",
        "laptop",
        "recording",
        "camera",
        "map",
        "chart",
        "graph",
        "screenshot",
    }
)
# "<cue> <prep> <noun>" read as content: a place or time, not what was said
PLACE_TIME_PREPS = frozenset(
    {
        "in",
        "on",
        "at",
        "into",
        "toward",
        "towards",
        "during",
        "near",
        "inside",
        "outside",
        "across",
        "through",
        "under",
        "from",
        "after",
        "before",
        "since",
        "until",
        "by",
        "around",
    }
)
# "decided to reopen the case", "are considering a ban": a decision or deliberation (an event
# when anything), not a statement; a that-clause ("decided that ...") stays a candidate
DECISION_VERBS = frozenset({"decide", "consider", "anticipate"})
# "<X> is said / believed / thought / reported / alleged / expected to <verb>": an unnamed
# source's report
PASSIVE_REPORT_VERBS = frozenset(
    {"say", "believe", "think", "report", "allege", "rumor", "rumour", "expect"}
)
PASSIVE_REPORT_SCORE = 0.5
# "<X> expressed concern that <Y>", "voiced doubts about <Y>": the verb and the attitude noun
# are the cue, the noun's complement is the content (PolNeAR train: 28 of 39 such reports)
ATTITUDE_VERBS = frozenset({"express", "voice"})
# "<X> is known for / accused of / criticised for <Y>": X is the first content segment
PASSIVE_SUBJECT_CUES = frozenset({"know", "accuse", "criticize", "criticise"})
# "<X> is accused of / criticised for <Y>" with no agent: the unnamed accusers' statement
PASSIVE_CHARGE_VERBS = frozenset({"accuse", "criticize", "criticise"})
# a transcript turn ("PENCE: Well, ...") outranks the reports inside it: PolNeAR gives each
# word one role, and its annotators mark the turn (train: 6 of 10 turns in
# 2 transcripts)
TRANSCRIPT_TURN_SCORE = 0.9
REPORTED_ADVERBS = frozenset({"reportedly"})
REPORTED_ADVERB_SCORE = 0.6
HEDGES = re.compile(
    r"\b(?:most likely|more likely|likely|unlikely|probably|possibly|perhaps|maybe|reportedly|"
    r"allegedly|apparently|presumably|supposedly|seemingly|purportedly|it seems|"
    r"may|might|could(?!\s+not|n[’']t)|would appear|"
    # seeming and appearing ("tensions seemed to ease", "there appeared to be a leak"): news
    # dev gold marks 4 of 5 such contents hedged (an appearance seen, "appeared to nod", not)
    r"(?:seem|seems|seemed)\s+to|(?:appear|appears|appeared)\s+to\s+be|"
    r"(?:there|it)\s+(?:appears|appeared))\b"
    # the speaker's own belief inside the content ("I think ...", "we don't believe ..."):
    # news dev gold marks all 9 such contents hedged (5 documents)
    r"|\b(?:I|[Ww]e)\s+(?:do not |don[’']t |did not |didn[’']t )?(?:think|believe)\b"
    r"(?!\s+(?:in|of|about)\b)",  # "we believe in a free press" is no belief that something is
    re.IGNORECASE,
)
# hedge words that are modal verbs: they hedge only as modals (not "May 18") and only when
# they bear on the content's claim, not inside a relative clause that describes one of its
# nouns ("rules that might hurt farmers")
MODAL_HEDGES = frozenset({"may", "might", "could"})
# the modals with which a plain speech verb's speaker speculates (NEUTRAL_SPEECH)
SPECULATIVE_MODALS = frozenset({"may", "might"})

PLATFORMS = {
    "twitter": "twitter",
    "x": "twitter",
    "telegram": "telegram",
    "facebook": "facebook",
    "instagram": "instagram",
    "youtube": "youtube",
    "tiktok": "tiktok",
    "vkontakte": "vkontakte",
    "truth social": "truth_social",
    "whatsapp": "whatsapp",
}
PLATFORM_CUES = {"tweet": "twitter", "retweet": "twitter", "post": "social_media"}
# nouns naming the medium of a statement ("said in a statement that ...")
CHANNEL_NOUNS = frozenset(
    {
        "statement",
        "interview",
        "post",
        "tweet",
        "address",
        "speech",
        "release",
        "briefing",
        "conference",
        "message",
        "video",
        "letter",
        "email",
        "op-ed",
        "column",
        "filing",
        "testimony",
        "broadcast",
    }
)
_OUTLETS = (
    r"(?:the )?(?:BBC|CNN|NBC|CBS|ABC|Fox News|MSNBC|NPR|PBS|AP|Reuters|AFP|Bloomberg|Politico|"
    r"Axios|Al Jazeera|Sky News|(?:[A-Z][\w.]*\s){0,3}(?:Times|Post|Journal|Guardian|"
    r"Telegraph|Herald|Tribune|News|Press|Radio|TV|Television|Agency|Gazette|Daily|Magazine))"
)
CHANNEL_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(
            r"\b(?:on|via|in a (?:post|message|video|tweet|statement) (?:on|posted to)|"
            r"(?:posted|wrote) on)\s+(Twitter|Telegram|Facebook|Instagram|YouTube|TikTok|"
            r"VKontakte|Truth Social|WhatsApp|X)\b"
        ),
        "platform",
    ),
    # "told the BBC", "told The New York Times": an interview with that outlet
    (re.compile(r"\b(?:told|telling|tells)\s+(" + _OUTLETS + r")"), "interview"),
    (
        re.compile(
            r"\b(?:in|during) (?:an|a|his|her|their|its) (?:[\w-]+ ){0,3}interview\b",
            re.IGNORECASE,
        ),
        "interview",
    ),
    (re.compile(r"\binterview with\b", re.IGNORECASE), "interview"),
    (re.compile(r"\b(?:told|telling|tells) reporters\b", re.IGNORECASE), "press"),
    (
        re.compile(r"\b(?:press|news) (?:conference|briefing)\b|\bbriefing\b", re.IGNORECASE),
        "press_conference",
    ),
    (
        re.compile(
            r"\b(?:in|during|on) (?:a|an|the|his|her|their|its) (?:[\w-]+ ){0,2}"
            r"(?:televised|television|TV|video|radio) (?:address|speech|message|interview|"
            r"broadcast)\b",
            re.IGNORECASE,
        ),
        "television",
    ),
    (
        re.compile(
            r"\b(?:in|by|according to|issued|released|put out) (?:a|an|the|his|her|their|its) "
            r"(?:[\w-]+ ){0,2}(?:statement|communiqu[eé]|press release|news release)\b",
            re.IGNORECASE,
        ),
        "statement",
    ),
    (
        re.compile(
            r"\b(?:in|to) (?:a |the )?(?:court|courtroom|trial)\b|\bcourt (?:records|documents|"
            r"papers|filings?)\b|\bat (?:the )?trial\b",
            re.IGNORECASE,
        ),
        "court",
    ),
    (re.compile(r"\btweet(?:ed|s)?\b", re.IGNORECASE), "twitter"),
]

# General speech-act and reporting verbs, added to the cue lemmas learned from training data
SEED_CUE_VERBS = frozenset(
    {
        "say",
        "tell",
        "state",
        "declare",
        "announce",
        "explain",
        "add",
        "note",
        "write",
        "tweet",
        "post",
        "claim",
        "assert",
        "insist",
        "maintain",
        "argue",
        "contend",
        "deny",
        "reject",
        "refute",
        "dismiss",
        "confirm",
        "acknowledge",
        "admit",
        "concede",
        "appeal",
        "urge",
        "plead",
        "implore",
        "demand",
        "request",
        "ask",
        "warn",
        "caution",
        "threaten",
        "promise",
        "vow",
        "pledge",
        "suggest",
        "speculate",
        "predict",
        "believe",
        "think",
        "agree",
        "disagree",
        "allege",
        "accuse",
        "report",
        "reveal",
        "disclose",
        "stress",
        "emphasize",
        "emphasise",
        "underline",
        "reiterate",
        "repeat",
        "recall",
        "comment",
        "remark",
        "respond",
        "reply",
        "answer",
        "estimate",
        "indicate",
        "conclude",
        "observe",
        "testify",
    }
)
