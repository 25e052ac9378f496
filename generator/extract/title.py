"""Headline and dateline: the stated title when the page has one, else a short headline cut from the lead.

The generated headline only deletes and abbreviates words of the lead sentence (and turns a progressive or
participle into a plain verb), so it never says anything the article does not.
"""

from __future__ import annotations

import re
from typing import Sequence

from ..models import Block
from ..text import split_sentences

MAX_WORDS = 10
HEADLINE_WINDOW = 60  # words of the lead sentence a headline is cut from
# An upper-case place, optionally ", State" / ", Nov 28" and "(Agency)", then a dash, at the start of the lead.
DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3})"
    r"(?:,\s*[A-Z][A-Za-z.]+(?: [A-Za-z.]+)?(?: \d{1,2})?)?"
    r"(?:\s*\((?P<agency>[^)]{1,40})\))?\s*(?:—|--|–|-)\s+"
)
# Where the main clause of a lead sentence ends.
CLAUSE_BREAK = re.compile(
    r",? (?:but|while|whereas|although|though|as|after|before|because|since|when|which|who|where|amid|"
    r"according to|saying)\b|, (?:[\w’']+ ){0,3}said\b|[;:—–(]| - |, (?=[a-z]+ing\b)|, and\b"
)
# When it happened belongs in the dateline and date, not the headline.
WHEN = re.compile(r"\s*\b(?:(?:on|last|this|late|early|earlier)\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday"
                  r"|Saturday|Sunday)\b(?:\s+(?:morning|afternoon|evening|night))?")
REPORTED_THAT = re.compile(r"\b(said|says|told \w+|announced|warned|insisted|admitted) that\b")
ABBREVIATIONS = (
    ("United States", "US"), ("United Kingdom", "UK"), ("United Nations", "UN"), ("European Union", "EU"),
)
DROP_WORDS = frozenset({"here", "there", "the", "a", "an", "also", "now", "their", "its", "his", "her", "very"})
WEAK_VERBS = frozenset({"emerged", "came", "went", "left", "ended", "returned", "wrapped", "concluded", "walked"})
PREPOSITIONS = frozenset({"of", "in", "on", "at", "for", "from", "with", "by", "about", "to", "into", "after",
                          "over", "under", "between", "during", "as", "without", "than", "against", "through"})
DANGLING = PREPOSITIONS | {"and", "or", "but", "the", "a", "an", "that", "which", "who", "to", "its", "their",
                           "his", "her", "is", "are", "was", "were", "had", "has", "have", "will", "would"}
AUXILIARIES = frozenset({"had", "have", "has"})
PROGRESSIVE = frozenset({"are", "is", "were", "was"})
# Stems of -ing forms that need their silent e back: produc(e), serv(e), argu(e), negotiat(e), organiz(e),
# handl(e), charg(e), rais(e); and one-syllable stems ending vowel + consonant: mak(e), hop(e), us(e).
E_ALWAYS = re.compile(r"(?:[cvu]|iz|[dbpgtk]l|[rd]g|[aeiou]{2}[sz])$")
E_MULTI = re.compile(r"(?:[^aeiou]|i)at$")
E_SHORT = re.compile(r"^[^aeiou]*[aeiou][^aeiouwxy]$")


def find_dateline(blocks: Sequence[Block]) -> str | None:
    """The place of a dateline at the start of the first paragraph ("GENEVA —" -> "GENEVA"), else None."""
    first = next((b.text for b in blocks if b.kind == "paragraph" and b.text.strip()), None)
    match = DATELINE.match(first) if first else None
    if not match or sum(ch.isalpha() for ch in match["place"]) < 2:
        return None
    return match["place"].rstrip(".")


def strip_dateline(text: str) -> str:
    """The text without a leading dateline."""
    match = DATELINE.match(text)
    return text[match.end():] if match and sum(ch.isalpha() for ch in match["place"]) >= 2 else text


def headline(stated_title: str | None, blocks: Sequence[Block], dateline: str | None) -> tuple[str, bool]:
    """(title, generated): the stated title cleaned, or a headline derived from the lead sentence."""
    if stated_title and stated_title.strip():
        return " ".join(stated_title.split()), False
    lead = _lead_sentence(blocks, dateline)
    return (generate_headline(lead) if lead else "Untitled"), True


def _lead_sentence(blocks: Sequence[Block], dateline: str | None) -> str | None:
    for block in blocks:
        if block.kind != "paragraph":
            continue
        text = strip_dateline(block.text) if dateline else block.text
        for sentence in split_sentences(text):
            if len(sentence.split()) >= 5:
                return sentence
    return None


def generate_headline(sentence: str) -> str:
    """A newsroom-style headline of at most MAX_WORDS words from one sentence, by deletion only."""
    # A headline comes from the sentence's opening; a bounded window keeps a runaway "sentence" (a scrape with no
    # punctuation) from costing time quadratic in its length.
    opening = " ".join(strip_dateline(sentence).split()[:HEADLINE_WINDOW])
    clause = CLAUSE_BREAK.split(opening, maxsplit=1)[0]
    clause = REPORTED_THAT.sub(r"\1", WHEN.sub("", clause))
    for long, short in ABBREVIATIONS:
        clause = clause.replace(long, short)
    # Articles and fillers go, except capitalised inside the clause ("The Hague" keeps its article).
    words = [w for i, w in enumerate(clause.split()) if w.lower() not in DROP_WORDS or (i and w[:1].isupper())]
    words = _plain_verbs(words)
    words = _fit(words)
    text = " ".join(words).strip(" ,.;:!?\"'“”‘’")
    return text[:1].upper() + text[1:]


def _plain_verbs(words: list[str]) -> list[str]:
    """"had narrowed" -> "narrowed", "are meeting" -> "meet", "emerged from talks agreeing" -> "agree"."""
    out: list[str] = []
    for i, word in enumerate(words):
        nxt = words[i + 1].lower() if i + 1 < len(words) else ""
        if word.lower() in AUXILIARIES and nxt.endswith("ed"):
            continue
        if word.lower() in PROGRESSIVE and nxt.endswith("ing") and len(nxt) > 5:
            words[i + 1] = base_form(words[i + 1])
            continue
        out.append(word)
    for i, word in enumerate(out):
        if word.lower() in WEAK_VERBS:
            later = next((j for j in range(i + 1, len(out)) if out[j].endswith("ing") and out[j].islower()), None)
            if later is not None and later - i <= 8:
                return out[:i] + [base_form(out[later])] + out[later + 1:]
    return out


def base_form(word: str) -> str:
    """The plain verb of an -ing form: meeting -> meet, agreeing -> agree, making -> make, running -> run."""
    stem = word[:-3]
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "aeioulsz":
        return stem[:-1]
    if E_ALWAYS.search(stem) or E_MULTI.search(stem) or E_SHORT.search(stem):
        return stem + "e"
    return stem


def _fit(words: list[str]) -> list[str]:
    """Cut to MAX_WORDS at a phrase boundary, dropping trailing prepositional phrases first."""
    while len(words) > MAX_WORDS:
        cut = max((i for i, w in enumerate(words[:-1]) if w.lower() in PREPOSITIONS and i >= 3), default=None)
        words = words[:cut] if cut is not None else words[:MAX_WORDS]
    while len(words) > 3 and words[-1].lower().strip(",") in DANGLING:
        words = words[:-1]
    return words
