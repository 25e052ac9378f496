"""Regexes and word lists for the temporal tagger in dates.py: data only, no behaviour.

Each rule in RULES is (name, compiled pattern); date_resolve.py has one resolver per name. Spans follow TimeML
TIMEX3: the expression itself ("Tuesday", "last year", "the end of last month"), never the preposition before it;
modifiers TimeBank keeps inside ("nearly two years", "the end of 1990", "early 1991") are part of the span.
"""

from __future__ import annotations

import re

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}
NUMBERS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
}
VAGUE_NUMBERS = frozenset({"several", "few", "a few", "some", "many"})
ORDINALS: dict[str, int] = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
# TIMEX3 duration letters; decades and centuries are multiples of years.
UNIT_LETTERS: dict[str, str] = {
    "second": "S", "minute": "M", "hour": "H", "day": "D", "night": "D", "week": "W", "weekend": "WE",
    "fortnight": "W", "month": "M", "quarter": "Q", "year": "Y", "decade": "DE", "century": "CE",
}
YEARS_IN: dict[str, int] = {"decade": 10, "century": 100}
TIME_UNITS = frozenset({"second", "minute", "hour"})
SET_WORDS: dict[str, str] = {
    "hourly": "PT1H", "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "fortnightly": "P2W",
    "monthly": "P1M", "quarterly": "P3M", "yearly": "P1Y", "annually": "P1Y",
}
PART_OF_DAY: dict[str, str] = {
    "morning": "TMO", "afternoon": "TAF", "evening": "TEV", "night": "TNI", "tonight": "TNI",
}
SEASONS: dict[str, str] = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
SEASON_ORDER = ("WI", "SP", "SU", "FA")
DEICTIC_DAYS: dict[str, int] = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
REFS: dict[str, str] = {
    "now": "PRESENT_REF", "current": "PRESENT_REF", "currently": "PRESENT_REF", "nowadays": "PRESENT_REF",
    "at present": "PRESENT_REF", "these days": "PRESENT_REF", "recently": "PAST_REF", "lately": "PAST_REF",
    "the past": "PAST_REF", "in the past": "PAST_REF", "the future": "FUTURE_REF", "the near future": "FUTURE_REF",
}

# Tense cues for resolving "Tuesday", "in July" and "9 October" against the document creation time.
FUTURE_CUES = frozenset({"will", "'ll", "’ll", "shall", "wo", "won't", "won’t", "next", "upcoming",
                         "coming", "scheduled", "due", "tomorrow", "expected", "expects", "expect"})
# Words before "to" that make what follows a plan ("set to resume Monday"), unlike "reopened to traffic on Monday".
INFINITIVE_HEADS = frozenset({"set", "due", "going", "plans", "plan", "planned", "planning", "is", "are", "ready",
                              "likely", "about", "hopes", "hope", "aims", "wants", "intends", "agreed", "promised",
                              "scheduled", "expected", "poised", "able", "prepared", "decided"})
# Words after "to" that show it is a preposition, not the mark of an infinitive ("to the talks", "to him").
NOT_VERBS = frozenset({"the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "this", "that", "these",
                       "those", "him", "them", "us", "me", "it", "some", "all", "about", "date", "be"})
# Verbs that date the report, not the event reported: "said it would close in January" is future.
REPORTING_VERBS = frozenset({"said", "says", "told", "reported", "announced", "added", "stated", "noted"})
PAST_CUES = frozenset({
    "was", "were", "had", "did", "said", "told", "met", "came", "went", "took", "made", "gave", "left", "held",
    "began", "won", "lost", "saw", "got", "put", "sent", "spent", "led", "fell", "rose", "hit", "cut", "paid",
    "sold", "bought", "brought", "thought", "found", "became", "broke", "spoke", "wrote", "ran", "struck",
    "fought", "shot", "knew", "grew", "drew", "threw", "flew", "sat", "stood", "felt", "kept", "meant", "heard",
    "ago", "last", "yesterday", "earlier",
})
NOT_PAST = frozenset({"need", "indeed", "seed", "speed", "bed", "hundred", "proceed", "succeed", "exceed", "feed",
                      "breed", "shed", "red", "weed", "deed", "steed", "reed", "creed", "greed"})
# Prepositions that make a bare "May" a month rather than a modal verb.
MAY_PREPOSITIONS = frozenset({"in", "since", "until", "till", "by", "of", "from", "through", "during", "early",
                              "late", "mid", "last", "next", "this", "before", "after", "between", "and", "to"})

# A document that reports quarterly results: its "a year ago" is a quarter, not a month.
QUARTERLY = re.compile(r"(?i)\b(?:(?:first|second|third|fourth)[- ]quarter|(?:third|fourth)-period|the quarter"
                       r"|nine months)\b")

_MONTH = (r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December"
          r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\.|\b)")
_FULL_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December)\b"
_DAY = r"(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\b"
_YEAR = r"(?P<year>1[5-9]\d\d|20\d\d)\b"
_WEEKDAY_ALT = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_WEEKDAY = rf"(?P<weekday>{_WEEKDAY_ALT})"
_CARDINAL = (r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six"
             r"|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen"
             r"|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a hundred|hundreds of|\d+(?:\.\d+)?")
_NUM = rf"(?P<num>{_CARDINAL}|an?|several|a few|few|some|many|a couple of|couple of)"
_UNIT = r"(?P<unit>second|minute|hour|day|night|week|fortnight|month|year|decade|century|centurie)s?"
# Modifiers TimeML keeps inside a duration's extent ("nearly two years", "at least 20 more years"); "about" and
# "over" are left out, as TimeBank mostly annotates them outside.
_QMOD = r"(?:(?:nearly|almost|more than|less than|fewer than|at least|up to|no more than) )?"
# "For the nine months": a definite duration keeps its article after a preposition of time.
_THE = r"(?:(?:(?<=\bfor )|(?<=\bin )|(?<=\bduring )|(?<=\bover )|(?<=\bthrough ))the )?"
_REL_UNIT = r"(?P<unit>week|weekend|month|year|quarter|decade|century)"
_EDGE = r"(?P<edge>the (?:end|beginning|start|middle|rest|close) of|(?:earlier|later|early|late|mid-?) (?:in )?)"

RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iso", re.compile(r"\b(?P<year>[12]\d{3})-(?P<mon>[01]\d)-(?P<day>[0-3]\d)(?:T(?P<hour>[0-2]\d):(?P<minute>[0-5]\d))?\b")),
    ("numeric", re.compile(r"(?<![\d.])(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<year>\d{4}|\d{2})\b(?![./]\d)")),
    ("day_month", re.compile(rf"\b(?:{_WEEKDAY},? )?{_DAY} (?:of )?{_MONTH},?(?: {_YEAR})?")),
    ("month_day", re.compile(rf"\b(?:{_WEEKDAY},? )?{_MONTH} {_DAY}(?:,? {_YEAR})?(?![:.]\d)")),
    ("month_year", re.compile(rf"\b(?:(?i:(?P<rel>early|late|mid-?)) ?)?{_MONTH},? {_YEAR}")),
    ("weekday", re.compile(rf"\b(?:(?i:(?P<rel>last|next|this|past|coming)) )?{_WEEKDAY}(?P<plural>s)?\b"
                           r"(?: (?P<part>(?i:morning|afternoon|evening|night))\b)?")),
    ("month", re.compile(rf"\b(?:(?i:(?P<rel>last|next|this|early|late|mid-?|earlier|later|the (?:end|beginning"
                         rf"|start|middle) of)) ?)?{_FULL_MONTH}"
                         r"(?![ -]\d)")),
    ("season", re.compile(r"(?i)\b(?P<rel>last|this past|this|next|early|late|(?:earlier|later) this|(?<=\bover )the) "
                          r"(?P<season>spring|summer|autumn|fall|winter)\b")),
    ("quarter", re.compile(r"(?i)\b(?:the )?(?:(?P<pyear>1[5-9]\d\d|20\d\d) |(?P<prel>this|last|next) year's )?"
                           r"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|latest|current|previous|last|next"
                           r"|this)[- ](?:fiscal[- ])?(?P<unit>quarter|half)\b(?: of (?P<year>1[5-9]\d\d|20\d\d)\b)?")),
    ("report_period", re.compile(r"(?i)\b(?:the (?:(?:comparable|corresponding|same) )?)?"
                                 r"(?:(?P<ago>year-ago|year-earlier)"
                                 r"(?: (?:(?:first|second|third|fourth) )?(?:quarter|period))?|(?<=\bthe )(?:latest |"
                                 r"most recent )?(?P<latest>quarter|period)\b(?![- ]to\b))")),
    ("anaphoric", re.compile(r"(?i)\bthe (?:(?P<full>full|fiscal|entire|whole) )?(?P<unit>year|week|weekend)\b"
                             r"(?! (?:ago|earlier|before|after|later|or)\b|-|['’](?!s\b))")),
    ("decade", re.compile(r"(?i)\b(?:the )?(?:(?P<mod>early|late|mid-) ?)?(?:(?P<dec>1[0-9]\d|20\d)0|'(?P<short>\d)0)'?s\b")),
    ("year", re.compile(rf"(?<![\d$£€.,:/-])(?:(?i:the (?:end|beginning|start|middle) of|early|late|mid-?) ?)?"
                        rf"(?:(?i:(?P<fiscal>fiscal|calendar|year)) )?{_YEAR}(?![%\d]|[.,:/-]\d|'?s\b)")),
    ("ago", re.compile(rf"(?i)\b{_QMOD}{_NUM}[ -]{_UNIT} (?P<dir>ago|earlier|from now|hence)\b")),
    ("edge_the", re.compile(rf"(?i)\b(?P<edge>the (?:end|beginning|start|middle|close) of) the {_REL_UNIT}\b")),
    ("relative", re.compile(rf"(?i)\b(?:{_EDGE} ?)?(?P<rel>last|this|next|past|previous|coming|current)"
                            rf" {_REL_UNIT}\b")),
    ("span", re.compile(rf"(?i)\b(?P<span>the (?:past|last|next|previous|coming|first|final|following)) "
                        rf"(?:{_NUM}[ -])?{_UNIT}\b")),
    ("duration", re.compile(rf"(?i)\b{_QMOD}{_THE}{_NUM}[ -]{_UNIT}(?:-long)?\b(?![-\s]old\b)")),
    ("set", re.compile(r"(?i)\b(?:(?:every|each|per) (?:(?P<every>other|two|three|four|few) )?"
                       r"(?P<unit>day|night|week|month|year|quarter|morning|evening|Monday|Tuesday|Wednesday"
                       r"|Thursday|Friday|Saturday|Sunday)s?|(?P<adverb>hourly|daily|nightly|weekly|fortnightly"
                       r"|monthly|yearly|annually))\b")),
    ("clock", re.compile(r"\b(?P<hour>[01]?\d|2[0-3])(?::(?P<minute>[0-5]\d)|\.(?P<dotmin>[0-5]\d)(?=\s?[apAP]\.?[mM]|\s?[A-Z]{2,3}\b))"
                         r"(?:\s?(?P<ampm>(?i:a\.m\.|p\.m\.|am|pm)))?(?:\s?(?P<tz>GMT|UTC|BST|CET|EST|EDT|CST|CDT|PST|PDT|ET))?(?![\d:])"
                         rf"(?: (?P<wd>{_WEEKDAY_ALT})\b)?")),
    ("hour", re.compile(r"\b(?:(?P<hour>1[0-2]|0?[1-9])(?:\s?(?P<ampm>(?i:a\.m\.|p\.m\.|am|pm)(?!\w))|(?P<oclock> o'clock))"
                        r"|(?P<word>noon|midday|midnight))(?:\s?(?P<tz>GMT|UTC|BST|CET|EST|EDT|PST|ET))?(?!\w)"
                        rf"(?: (?P<wd>{_WEEKDAY_ALT})\b)?")),
    ("deictic_day", re.compile(r"(?i)\b(?:(?P<word>today(?!['’]\w)|yesterday|tomorrow)(?!-\w|['’](?!s\b)\w)"
                               r"(?: (?P<part>morning|afternoon"
                               r"|evening|night))?|(?P<tonight>tonight)|(?:this|last) (?P<part2>morning|afternoon"
                               r"|evening|night))\b")),
    ("vague_plural", re.compile(r"(?i)(?:\b(?P<rel>recent|coming) |(?<=\bfor )|(?<=\bwithin ))(?P<unit>hour|day|week"
                                r"|month|quarter|year|decade|centurie)s\b(?! (?:ago|earlier|later)\b)")),
    ("holiday", re.compile(r"(?i)\b(?:(?P<rel>last|next|this) )?(?P<name>christmas(?: eve| day)?"
                           r"|new year[’']s (?:eve|day)|independence day|halloween|valentine[’']s day"
                           r"|thanksgiving(?: day)?|labor day|memorial day"
                           r"|easter(?: sunday)?|good friday)\b")),
    ("spelled_year", re.compile(r"(?i)\b(?:the year )?(?:nineteen[- ](?P<tens>ten|twenty|thirty|forty|fifty|sixty"
                                r"|seventy"
                                r"|eighty|ninety)(?:[- ](?P<ones>one|two|three|four|five|six|seven|eight|nine))?\b"
                                r"|(?<=\bthe year )two thousand\b)")),
    ("century", re.compile(r"(?i)\b(?:the )?(?P<ord>1\d|20|21|[1-9])(?:st|nd|rd|th)[- ]century\b")),
    ("ref", re.compile(r"(?i)\b(?P<ref>now|current(?! (?:year|quarter|month|week|fiscal|period)\b)|currently|nowadays|at present|these days|recently|lately"
                       r"|the past|the (?:near )?future)\b(?![-'’]\w)")),
)

# Speed: a rule only runs on a sentence holding a trigger substring (lower-cased) of each of its groups, since most
# sentences hold no temporal expression and regex scanning is nearly all of the tagger's time. Every group must be
# a necessary condition of a match (a gate that skipped a real match would change the output, not only the speed):
# "year" needs a year's first two digits, "relative" a "last"/"next"/... right before its unit, "duration" an amount.
_DIGITS = tuple("0123456789")
_MONTH_KEYS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_UNIT_KEYS = ("second", "minute", "hour", "day", "night", "week", "fortnight", "month", "year", "decade", "centur")
_REL_KEYS = ("week", "month", "year", "quarter", "decade", "centur")
_AMPM = ("am", "pm", "a.m", "p.m", "o'clock", "noon", "midday", "midnight")
# The last word of an amount in _NUM ("thir-teen", "twen-ty", "hundreds of", "a few") or its last digit, then its unit.
_AMOUNT_ENDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
                "teen", "ty", "hundred", "of", "a", "an", "several", "few", "some", "many") + _DIGITS
_AMOUNT_UNITS = tuple(end + sep + unit for end in _AMOUNT_ENDS for sep in " -" for unit in _UNIT_KEYS)
TRIGGERS: dict[str, tuple[tuple[str, ...], ...]] = {
    "iso": (("-0", "-1"),), "numeric": (tuple(sep + d for sep in "/." for d in _DIGITS),),
    "year": (("15", "16", "17", "18", "19", "20"),), "decade": (("0s", "0's"),),
    "clock": (tuple(sep + d for sep in ":." for d in "012345"),),
    "hour": (_DIGITS + ("noon", "midday", "midnight"), _AMPM),
    "day_month": (_MONTH_KEYS,), "month_day": (_MONTH_KEYS,), "month_year": (_MONTH_KEYS,), "month": (_MONTH_KEYS,),
    "weekday": (("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),),
    "season": (("spring", "summer", "autumn", "fall", "winter"),),
    "quarter": (("quarter", "half"),), "report_period": (("year-", "quarter", "period"),),
    "anaphoric": (tuple(f"{mod} {unit}" for mod in ("the", "full", "fiscal", "entire", "whole")
                        for unit in ("year", "week")),),
    "ago": (("ago", "earlier", "from now", "hence"), _UNIT_KEYS),
    "edge_the": (tuple("of the " + unit for unit in _REL_KEYS),),
    "relative": (tuple(f"{rel} {unit}" for rel in ("last", "this", "next", "past", "previous", "coming", "current")
                       for unit in _REL_KEYS),),
    "span": (tuple(f"the {rel} " for rel in ("past", "last", "next", "previous", "coming", "first", "final",
                                             "following")), _UNIT_KEYS),
    "duration": (_AMOUNT_UNITS,),
    "vague_plural": (("hours", "days", "weeks", "months", "quarters", "years", "decades", "centuries"),),
    "set": (("every", "each", "per ", "hourly", "daily", "nightly", "weekly", "monthly", "yearly", "annually"),),
    "deictic_day": (("today", "yesterday", "tomorrow", "tonight", "morning", "afternoon", "evening", "night"),),
    "holiday": (("christmas", "new year", "independence", "halloween", "valentine", "thanksgiving", "labor day",
                 "memorial day", "easter", "good friday"),),
    "spelled_year": (("nineteen", "two thousand"),), "century": (("century",),),
    "ref": (("now", "current", "recent", "lately", "present", "these days", "past", "future"),),
}
