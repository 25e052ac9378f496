"""The reporting verbs that attribute a quote ("said", "tweeted", "according to"), their forms, and where they may
stand before their subject. Constants only; speech.py gives them to its callers beside the other word lists."""

from __future__ import annotations

import re


def _third_person(base: str) -> str:
    if base.endswith("y") and base[-2] not in "aeiou":
        return base[:-1] + "ies"
    return base + ("es" if base.endswith(("s", "sh", "ch", "x")) else "s")


def _inflect(base: str) -> set[str]:
    """Past and -ing forms of a regular verb, plus base and -s forms when they are no noun ("adds", not "calls")."""
    stem = base[:-1] if base.endswith("e") else base + (base[-1] if base in _DOUBLED else "")
    past = base[:-1] + "ied" if base.endswith("y") and base[-2] not in "aeiou" else stem + "ed"
    return {past, stem + "ing"} | ({base, _third_person(base)} if base in _UNAMBIGUOUS else set())


_REGULAR_SPEECH = """add admit announce argue ask assert acknowledge affirm allege answer boast call caution claim comment
complain concede conclude confirm contend continue declare deny describe emphasise emphasize explain exclaim insist
joke lament mention note observe point predict proclaim promise question recall remark remind reply report respond
repeat retort reveal scoff shout state stress suggest testify urge vow warn whisper wonder yell acknowledge agree
insist muse quip recount reiterate estimate maintain chant shout tweet post sigh chime interject assure pledge
threaten demand plead counter advise tout brag gush blast rail slam mock tease cheer scream cry mutter murmur
declare preach lecture grumble protest text email quote cite recall exclaim concur opine hint charge accuse
thank praise criticize criticise condemn label brand blame vent fume implore elaborate surmise decry mock vow
characterize characterise denounce applaud hail lambast scold berate chide summarize summarise speculate
clarify specify fret gripe rant marvel laugh sneer snap recommend caution concede remember reference portray
highlight pronounce invoke bemoan ponder reason relate""".split()
# Verbs that double their last consonant before -ed and -ing: "admitted", "quipped".
_DOUBLED = frozenset("admit quip snap regret rebut".split())
_UNAMBIGUOUS = frozenset(
    """add admit argue assert acknowledge affirm allege insist explain warn declare suggest urge contend predict
    concede recall remind reiterate emphasise emphasize stress ask announce complain""".split()
)
_IRREGULAR_SPEECH = "say says said saying tell tells told telling write writes wrote writing put puts speaks spoke".split()
# Speech verbs in any tense: the cue that makes a nearby quote somebody's words.
SPEECH_VERBS = frozenset(_IRREGULAR_SPEECH).union(*(_inflect(v) for v in _REGULAR_SPEECH))
# Right after a quote a present-tense form is surely a verb, even one that is also a noun: '"X," Hollis notes.'
SPEECH_VERBS_AFTER_QUOTE = SPEECH_VERBS | {_third_person(v) for v in _REGULAR_SPEECH} | {"read", "reads"}
# Base forms, verbs only after a plural subject or a modal ("the Saudis state", "NBC will accuse"): alone most are
# nouns too ("a state", "the charge").
SPEECH_BASE_FORMS = frozenset(_REGULAR_SPEECH) - {"continue"}  # "would continue to" goes on, says nothing
MODALS = frozenset("will would could can may might must should shall do does did don’t don't didn’t didn't won’t "
                   "won't".split())
# Verbs that take a quote only as a label ("called for", "described as") are still cues; these are not.
NOT_SPEECH_AFTER = {"called": {"for", "off", "on", "up"}, "calls": {"for", "off", "on"}, "put": {"in", "on", "off", "up"},
                    "spoke": {","}, "speaks": {","}}  # "As Reed spoke, the board ...": no words of his
# Verbs that may come before their subject: '"X," said Mr Bosworth'. Not "told": what follows it is the listener.
INVERTED_VERBS = frozenset(
    """said says added asked replied continued wrote writes explained explains insisted noted notes warned
    suggested suggests mused muses recalled recalls tweeted quipped reads read""".split()) | {
    "according to"}
# Right after a quote more verbs come before their subject: '"X," declared Ann Lee'; before a quote these take a
# clause as object instead ("X declared the vote void"), so they are inverted only here.
INVERTED_AFTER_QUOTE = INVERTED_VERBS | frozenset(
    """reported opined declared shouted exclaimed countered responded stated argued observed announced cautioned
    concluded""".split())
ACCORDING_TO = re.compile(r"\baccording to\b", re.I)
