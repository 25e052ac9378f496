"""Direct quotes: the words inside quotation marks (quote_spans.py), who said them (attribution.py), and which ones
to show."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import partial
from typing import Callable, Sequence

from ..models import Block, Quote
from ..text import words
from . import speech
from .attribution import MASK, Attribution, find_attribution, find_colon_subject, find_introduction, speech_verbs
from .attribution_clause import find_clause_subject
from .attribution_closing import find_closing_attribution
from .attribution_credit import find_dialogue_subject, find_signature
from .attribution_lead import names_another_subject
from .attribution_possessive import find_owner
from .entities import Mention, person_mentions, person_roles
from .quote_spans import (Span, article_spans, frame_of, is_label, masked_text, said_just_before,
                          sentence_starts, single_word)
from .speaker_mentions import speaker_mentions
from .speaker_resolve import Cast, Speaker, cast_of, resolve_name, resolve_speaker, resolve_subject

_WORD = re.compile(r"[A-Za-z]{2,}")  # a word of the reporter's own beside a quote (the quote itself masked)
_OPENING_MARKS = "“„«\"‘'"
# A quote inside the phrase that opens a sentence with the question put to its subject: "Asked whether the plan is
# fair", "When asked if the quay would reopen".
_PUT_QUESTION = re.compile(r"^\s*(?:(?:When|After|Once)\s+)?(?:being\s+)?[Aa]sked\s+(?:\S+\s+){0,3}?"
                           r"(?:whether|if|about|what|how|why|who|when|where)\b[^,;:\x00]*$")
_INTRODUCED_QUESTION = re.compile(r"(?::|,|\basked)$")  # "X replied:", "X responds to Y with,", "X was asked"
# The rest of an attribution set off inside its sentence, between two quotes: '"...," he said, and "..."'
_MID_SENTENCE_TAG = re.compile(r"\s+[a-z]+(?:\s+[a-z]+)?,\s*(?:and\s+|but\s+)?")
_TRANSCRIPT = re.compile(r"((?:[A-Z][A-Za-z]*\.\s)?[A-Z][A-Z’'-]+(?:\s[A-Z][A-Z’'-]+){0,2}):\s")  # "MR. O'NEILL: "


# ---- which quotes to show -----------------------------------------------------------------------------------------


def quote_score(text: str, tokens: list[str] | None = None) -> float:
    """Complete, informative sentences over fragments and phatic replies (`tokens`: words(text), when the caller has
    them already)."""
    tokens = words(text) if tokens is None else tokens
    content = [t for t in tokens if t.lower() not in speech.KEYWORD_STOP]
    score = min(len(tokens), 25) / 5 + 2 * len(content) / max(len(tokens), 1)
    if text[:1].isupper():
        score += 2
    if len(tokens) < 5:
        score -= 3
    if speech.PHATIC.match(text.strip()):
        score -= 4
    return score


def _mark_key(quotes: list[Quote], key_count: int, quote_words: list[list[str]]) -> list[Quote]:
    """The top quotes by score, spread across speakers; never an unattributed one or a fragment of a few words.
    `quote_words`: each quote's words(text), read once for is_label already."""
    tokens = {i: quote_words[i] for i, q in enumerate(quotes) if q.speaker}  # the pool and the score read them
    pool = [i for i, t in tokens.items() if len(t) >= 4 and not speech.PHATIC.match(quotes[i].text)]
    chosen: list[int] = []
    score = {i: quote_score(quotes[i].text, tokens[i]) for i in pool}  # once each, not once per key chosen
    while pool and len(chosen) < key_count:
        def spread(i: int) -> float:
            return score[i] - 2.5 * sum(quotes[j].speaker == quotes[i].speaker for j in chosen)
        best = max(pool, key=spread)
        chosen.append(best)
        pool.remove(best)
    # a quote already marked as it should be is kept as it is: replace() takes longer than the rest of the choice
    return [q if q.key == (i in chosen) else replace(q, key=i in chosen) for i, q in enumerate(quotes)]


# ---- the whole article ------------------------------------------------------------------------------------------


def _fallback(span: Span, text: str, frame: str, lead: str, same_block: Speaker | None,
              previous_block: Callable[[], Speaker | None]) -> Speaker | None:
    """No attribution: the paragraph's earlier speaker, or the previous paragraph's for a quote standing alone.

    A quote carries the previous paragraph's speaker only when its sentence holds no words of the reporter's own:
    words there name someone this code could not read ('"X," Hollis notes'), most often not the speaker before.
    Within the paragraph a sentence opening with a subject of its own ('The critic sees it as "..."') is that
    subject's, read or not, never the earlier speaker's."""
    if same_block:
        # "one" of several speaks on only in a quote standing alone: in '"...," was another' someone else does
        one_of_several = same_block.name.split()[0] in speech.INDEFINITE_SPEAKERS
        if _WORD.search(frame) and (one_of_several or names_another_subject(lead, same_block.name)):
            return None
        return same_block
    return previous_block() if not text[: span.open].strip() and not _WORD.search(frame) else None


def _nobody() -> None:
    """No speaker before: what a paragraph without one hands on (see previous_block in find_quotes_with_evidence)."""
    return None


def _known(speaker: Speaker | None) -> Callable[[], Speaker | None]:
    """A speaker already known, handed on in the form of one worked out only when asked for."""
    return lambda: speaker


def _when_asked(work: Callable[[], Speaker | None]) -> Callable[[], Speaker | None]:
    """`work`, done the first time it is asked for and its answer kept (functools.cache takes longer to set up than
    most of these take to ask)."""
    answer: list[Speaker | None] = []

    def asked() -> Speaker | None:
        if not answer:
            answer.append(work())
        return answer[0]
    return asked


def _stage_direction(text: str) -> bool:
    """A paragraph of a few words naming nobody between two quotes of one speaker, as a reporter sets down a pause
    in a conversation ("Pause.", "She laughs."): the quote standing alone after it goes on from the speaker before."""
    tokens = text.split(None, 4)  # five parts or more: more than four words, and the rest need not be split
    return 0 < len(tokens) <= 4 and not any(t[:1].isupper() for t in tokens[1:]) and text.rstrip()[-1:] == "."


def _outside_quotes(mentions: Sequence[Mention], spans: Sequence[Sequence[Span]]) -> list[Mention]:
    """The mentions that stand in the reporter's own words."""
    return [m for m in mentions if not any(s.open <= m.start < s.close for s in spans[m.block])]


Evidence = tuple[int, int, int]  # (block, start, end) of the words that name the speaker: "he", "Mr. Kim"


def find_quotes_with_evidence(
    blocks: Sequence[Block], key_count: int = 3, mentions: Sequence[Mention] | None = None
) -> tuple[tuple[Quote, Evidence | None], ...]:
    """Every direct quote, each with where its attribution names the speaker (None when it has no speaker)."""
    mentions = speaker_mentions(blocks, person_mentions(blocks) if mentions is None else mentions)
    roles = person_roles(mentions)
    every_span = article_spans(blocks)
    mentions = _outside_quotes(mentions, every_span)  # a name inside a quote is no antecedent of "he said"
    # a no-break space is a space to the rules' strip(), a spaced double hyphen the dash it stands for ("X -- a
    # former envoy -- said"), its length kept so that offsets hold
    every_masked = [masked_text(b.text, every_span[i]).replace("\xa0", " ").replace(" -- ", " —  ")
                    for i, b in enumerate(blocks)]
    cast = cast_of([b.text for b in blocks], mentions, roles, every_masked)
    history: list[tuple[int, int, Speaker]] = []
    found: list[tuple[Quote, Evidence | None]] = []
    found_words: list[list[str]] = []  # each found quote's words
    # the speaker a quote standing alone at the next paragraph's start goes on from, asked for as a function: most
    # such quotes have an attribution of their own, so who the paragraph before introduces is worked out only when
    # one has not (on a copy of the history as it stands at the paragraph's end)
    previous_block: Callable[[], Speaker | None] = _nobody
    for i, block in enumerate(blocks):
        if block.kind == "heading":
            continue
        text = block.text
        spans = every_span[i]
        masked = every_masked[i]
        starts = sentence_starts(text, masked, spans) if spans else []  # only the quotes' frames need them
        same_block: Speaker | None = None
        waiting: list[tuple[int, tuple[int, int], Span]] = []  # quotes of this block still without a speaker
        for span in spans:
            frame = _question_ends(text, masked, span, frame_of(span, starts, len(text)))
            quoted, before = text[span.start : span.end], text[frame[0] : span.open]
            tokens = words(quoted)  # once: the label tests read them, and the choice of key quotes
            label = is_label(quoted, before, tokens)
            if label and not single_word(quoted, before, tokens):
                continue
            speaker = _speaker(masked, frame, span, i, cast, history) or _dialogue_speaker(text, masked, frame, span, i,
                                                                                       cast, history)
            if label and not speaker and said_just_before(masked[frame[0] : span.open]):
                speaker = _clause_speaker(masked, frame, span, i, cast, history)
            if label and not speaker:
                continue  # one word is a quote only when a speech verb gives it a speaker: 'X called it "odd"'
            speaker = speaker or _owner_speaker(masked, frame, span, i, cast, history)
            speaker = speaker or _clause_speaker(masked, frame, span, i, cast, history)
            speaker = speaker or _closing_speaker(masked, frame, span, i, cast, history)
            speaker = speaker or _transcript_speaker(text, span, i, cast)
            if not speaker and frame[0] and not _WORD.search(masked[frame[0] : frame[1]]):
                # '..., Schiff said. "The other factor ..."': the sentence before names who goes on speaking
                speaker = _introduced(masked[: frame[0]], i, cast, history, max(s for s in starts if s < frame[0]))
            if not speaker and i + 1 < len(blocks) and not masked.replace(MASK, "").strip(" \t\"“”„«»‘’'"):
                speaker = _signed(blocks[i + 1], i + 1, cast, history)  # '"..."' then a paragraph '- Tom Reed.'
            speaker = speaker or _fallback(span, text, masked[frame[0] : frame[1]], masked[frame[0] : span.open],
                                           same_block, previous_block)
            if not speaker and frame[0] > min(starts) and not speech_verbs(masked[frame[0] : frame[1]]):
                # a speech verb of its own names someone this code could not read: no one else speaks for it
                speaker = _paraphrased(masked, max(s for s in starts if s < frame[0]), frame[0], i, cast, history,
                                       masked[frame[0] : span.open])
            put_question = _PUT_QUESTION.search(masked[frame[0] : span.open])
            if put_question:
                speaker = None  # 'Asked whether the plan is "fair," 70 percent said yes': the asker's words, unnamed
            if speaker:
                history.append((i, span.open, speaker))
                same_block = speaker
                _credit_earlier(found, waiting, masked, frame, span, speaker)
            elif not put_question:
                waiting.append((len(found), frame, span))
            quote = Quote(quoted, speaker.name if speaker else None,
                          speaker.role if speaker else None, paragraph=i)
            found.append((quote, speaker.evidence if speaker else None))
            found_words.append(tokens)
        carried = previous_block if not spans and _stage_direction(text) else _nobody
        previous_block = _known(same_block) if spans else carried
        standing_alone_next = i + 1 < len(blocks) and blocks[i + 1].text.lstrip()[:1] in _OPENING_MARKS
        if standing_alone_next and not previous_block():
            # only a quote standing alone needs it; the last sentence must hold no quote of its own (masked)
            previous_block = _when_asked(partial(_introduced, masked, i, cast, history.copy()))
        elif standing_alone_next and masked.rstrip().endswith(":"):
            # after its quotes, the paragraph's words ending in a colon hand on: '"...," Lee said. She went on to say:'
            words_after = masked[masked.rfind(MASK) + 1 :]
            start = max(len(masked) - len(words_after.lstrip(" .,")), sentence_starts(masked, masked, ())[-1])
            previous_block = _known(_introduced(masked, i, cast, history, start) or previous_block())
    keyed = _mark_key([q for q, _ in found], key_count, found_words)
    return tuple((q, evidence) for q, (_, evidence) in zip(keyed, found))


def _credit_earlier(found: list[tuple[Quote, Evidence | None]], waiting: list[tuple[int, tuple[int, int], Span]],
                    masked: str, frame: tuple[int, int], span: Span, speaker: Speaker) -> None:
    """The earlier quotes of a sentence, left without a speaker, take the speaker its later quote names after
    them: in 'The plan was a "good thing" that yielded "fresh ideas," he remarked.' both are his words. Not when a
    speech verb or a colon stands before the earlier quote or between it and the attribution: there someone else
    may speak ('what critics called a "rough week," a report says that "..."'), and a wrong speaker is worse than
    none."""
    evidence = speaker.evidence
    if not evidence or evidence[1] < span.open and not _MID_SENTENCE_TAG.fullmatch(masked, evidence[2], span.open):
        return  # an attribution before the later quote introduces that quote alone, unless set off: ', he said, and'
    for k, earlier_frame, earlier in list(waiting):
        if earlier_frame != frame or evidence[1] < earlier.close:
            continue
        before, between = masked[frame[0] : earlier.open], masked[earlier.close : min(evidence[1], span.open)]
        if ":" in before + between or speech_verbs(before) or speech_verbs(between):
            continue
        found[k] = (replace(found[k][0], speaker=speaker.name, speaker_role=speaker.role), evidence)
        waiting.remove((k, earlier_frame, earlier))


def _question_ends(text: str, masked: str, span: Span, frame: tuple[int, int]) -> tuple[int, int]:
    """A quote a colon, a comma or "asked" introduces ends its sentence when it ends in "?" or "!" and a capitalised
    word follows: in 'Lee replied: "Why now?" Her critics cited it.' the critics are the next sentence's subject, and in
    'Lee was asked, "Why now?" He answered ...' the answer is the next sentence's."""
    rest = text[span.close : frame[1]]
    if not span.closed or text[span.end - 1 : span.end] not in ("?", "!") or not rest.lstrip()[:1].isupper():
        return frame
    introduced = _INTRODUCED_QUESTION.search(masked[frame[0] : span.open].rstrip())
    return (frame[0], span.close) if introduced else frame


def _speaker(masked: str, frame: tuple[int, int], span: Span, block: int, cast: Cast,
             history: list[tuple[int, int, Speaker]]) -> Speaker | None:
    """The speaker the quote's own attribution names, remembering where it names them."""
    found = find_attribution(masked, frame, (span.open, span.close))
    speaker = resolve_speaker(found, block, cast, history) if found else None
    if not (speaker and found):
        return None
    return speaker.with_evidence(block, found[0], found[0] + len(found[1]))


def _dialogue_speaker(text: str, masked: str, frame: tuple[int, int], span: Span, block: int, cast: Cast,
                      history: list[tuple[int, int, Speaker]]) -> Speaker | None:
    """The subject right after a quote that opens its sentence with its own closing comma, "?" or "!", whatever its
    verb: '"Go back to your seat," Tom Reed barked.' A quote set in the reporter's words ('called it "odd," and
    Reed left') is left to the other rules."""
    if masked[frame[0] : span.open].strip() or text[span.start : span.end].rstrip()[-1:] not in (",", "?", "!"):
        return None
    found = find_dialogue_subject(masked, frame, span.close)
    speaker = resolve_speaker(found, block, cast, history) if found else None
    if not (speaker and found):
        return None
    return speaker.with_evidence(block, found[0], found[0] + len(found[1]))


def _signed(block: Block, index: int, cast: Cast, history: list[tuple[int, int, Speaker]]) -> Speaker | None:
    """The speaker a paragraph after a quote standing alone signs it with: '- Tom Reed.'"""
    found = find_signature(block.text, block.kind == "list_item") if block.kind in ("paragraph", "list_item") else None
    speaker = resolve_speaker(found, index, cast, history) if found else None
    if not (speaker and found):
        return None
    return speaker.with_evidence(index, found[0], found[0] + len(found[1]))


def _introduced(text: str, block: int, cast: Cast, history: list[tuple[int, int, Speaker]],
                start: int | None = None) -> Speaker | None:
    """Who a paragraph without quotes introduces in its last sentence (starting at `start` when the caller knows),
    for a quote standing alone after it."""
    start = sentence_starts(text, text, ())[-1] if start is None else start
    found = find_introduction(text[start:], start)
    speaker = resolve_speaker(found, block, cast, history) if found else None
    if not found:
        found = find_colon_subject(text[start:], start)  # no speech verb: the subject only when surely a person
        speaker = resolve_subject(found, block, cast, history) if found else None
    if not (speaker and found):
        return None
    return speaker.with_evidence(block, found[0], found[0] + len(found[1]))


def _paraphrased(masked: str, start: int, end: int, block: int, cast: Cast,
                 history: list[tuple[int, int, Speaker]], lead: str = "") -> Speaker | None:
    """The speaker of the sentence before, a paraphrase with no quote of its own closed by its attribution (or
    opened by one reporting a clause, see _reporting), for a quote that goes on from it: 'The old quay is lost, she
    said. Only a new one will bring "the boats back."'"""
    if MASK in masked[start:end]:
        return None
    found = find_closing_attribution(masked, (start, end), start) or _reporting(masked[start:end], start, lead)
    speaker = resolve_speaker(found, block, cast, history) if found else None
    if not (speaker and found):
        return None
    return speaker.with_evidence(block, found[0], found[0] + len(found[1]))


def _reporting(sentence: str, base: int, lead: str) -> Attribution | None:
    """The subject of a sentence whose speech verb reports a clause ('Lee argues that the plan failed.', 'Lee said
    she was angry.'), for the quote opening the next sentence or after a few words of the reporter's: there the
    reported speech goes on ('"The plan ..." never worked.'). Not past a subject of the quote's own sentence ('That
    is why he wanted to "..."'): that sentence is about someone, in the reporter's words."""
    lead_words = lead.split()
    if len(lead_words) > 4 or any(w.lower() in speech.PRONOUNS or w[:1].isupper() for w in lead_words[1:]):
        return None
    if lead_words and lead_words[0].lower() in speech.PRONOUNS:
        return None
    verbs = speech_verbs(sentence)
    after = sentence[verbs[0].end() :].split()[:1] if verbs else []
    if not after or not (after[0] == "that" or after[0] in speech.PRONOUNS):
        return None
    return find_introduction(sentence, base)


def _transcript_speaker(text: str, span: Span, block: int, cast: Cast) -> Speaker | None:
    """A transcript quoted line names its speaker in capitals first: '"CLINTON: I feel ..."', '"MR. O'NEILL: By the
    way ..."'."""
    found = _TRANSCRIPT.match(text, span.start, span.end)
    speaker = resolve_name(found.group(1), block, span.start, cast) if found else None
    if not (speaker and found):
        return None
    return speaker.with_evidence(block, found.start(1), found.end(1))


def _closing_speaker(masked: str, frame: tuple[int, int], span: Span, block: int, cast: Cast,
                     history: list[tuple[int, int, Speaker]]) -> Speaker | None:
    """The speaker an attribution closing the quote's sentence names ('Sales were "flat" as buyers waited, he
    said.'), when the quote's own clause names nobody."""
    found = find_closing_attribution(masked, frame, span.close)
    speaker = resolve_speaker(found, block, cast, history) if found else None
    if not (speaker and found):
        return None
    return speaker.with_evidence(block, found[0], found[0] + len(found[1]))


def _owner_speaker(masked: str, frame: tuple[int, int], span: Span, block: int, cast: Cast,
                   history: list[tuple[int, int, Speaker]]) -> Speaker | None:
    """The owner of the words a speech noun frames the quote as: "her remark that "..."", "Romney's "..." comment"."""
    owned = find_owner(masked, frame, (span.open, span.close))
    speaker = resolve_subject(owned[0], block, cast, history) if owned else None
    if not (speaker and owned):
        return None
    return speaker.with_evidence(block, owned[0][0], owned[0][0] + owned[1])


def _clause_speaker(masked: str, frame: tuple[int, int], span: Span, block: int, cast: Cast,
                    history: list[tuple[int, int, Speaker]]) -> Speaker | None:
    """The subject of the quote's clause, when no speech verb names a speaker."""
    found = find_clause_subject(masked, frame, span.open)
    speaker = resolve_subject(found, block, cast, history) if found else None
    if not (speaker and found):
        return None
    return speaker.with_evidence(block, found[0], found[0] + len(found[1]))


def find_quotes(
    blocks: Sequence[Block], key_count: int = 3, mentions: Sequence[Mention] | None = None
) -> tuple[Quote, ...]:
    """Every direct quote with its speaker and role; the best `key_count` marked key.

    `mentions` (from `person_mentions(blocks)`) may be passed in when the caller already has them."""
    return tuple(q for q, _ in find_quotes_with_evidence(blocks, key_count, mentions))
