"""Who said a quote: the speech verb and the words naming its subject around it (attribution_verbs.py tells the
reporting verbs, attribution_np.py reads the noun phrases, attribution_credit.py the credit lines, signatures and
dialogue, attribution_clause.py the subject of a clause with no speech verb, attribution_possessive.py the owner of
a remark, attribution_passive.py a passive's agent, speaker_resolve.py says who they are).

Attribution reads the text with every quote masked (MASK), so words inside a quote are never taken for a speaker.
"""

from __future__ import annotations

import re

from . import speech
from .attribution_credit import credit_line, credit_names, dash_credit
from .attribution_heads import described, postmodified_subject, subject_before_aside
from .attribution_lead import leading_subject
from .attribution_main import after_subordinate
from .attribution_np import MASK, Attribution, comma_chunks, np_after, place_tag, relative_subject, subject
from .attribution_passive import passive_agent
from .attribution_verbs import NO_SUBJECT, present_after_name, speech_verbs
from .introduction_clause import last_clause_subject

_JOINED_QUOTES = re.compile(r"(?:[\s,]*(?:and|or)?\s*\x00+)+[\s,]*")
# '"I don't think the old view" -- that Lee is a nanny -- "is going to last," he says': one quote, broken by an aside
_DASHED_ASIDE = re.compile(r"\s*(?:--|[—–])[^\x00—–]*?(?:--|[—–])\s*\x00+[\s,]*")
_WHO = re.compile(r"\bwho(?:se)?\b")
# An earlier quote, then a clause of its own: a comma, a name and a verb ('"...," Clinton fixates on').
_NEW_CLAUSE_AFTER_QUOTE = re.compile(r"\x00[\s,]*\s(?:[A-Z][\w’'-]*\s+){1,3}[a-z]+(?:s|ed)\b")
# A subordinate clause whose own speech verb and comma introduce the quote: "When someone in the audience shouted, "
_SUBORDINATE_SAYER = re.compile(r"\s*(?:When|As|After|While|Before|Because|If|Once)\s[^,;:\x00]*\b(?:said|shouted|"
                                r"asked|yelled|replied|answered|added|wrote|tweeted|called out|declared),\s*$")
_INTRODUCES_NEXT = re.compile(r"\s*:\s*\x00")  # a speech verb's colon before the next quote: "Reed said: \"...\""
_OPENING_NAME = re.compile(r"\s*,?\s*((?:[A-Z][\w.’'-]*\s?){1,4}?)\s*,")
_WITH_ABSOLUTE = re.compile(r"\bwith\s+(?P<np>(?:(?:the|a|an|one|some|many|his|her|their|its)\s+)(?:[\w.’'-]+\s+){0,5}?"
                            r"[\w.’'-]+)\s*$")
_SPEAKING_NOUNS = speech.PERSON_HEADS | speech.SOURCE_NOUNS
_SETTING_OPENINGS = frozenset("at in on during to last this earlier later".split())
_CLAUSE_MARK = re.compile(r"[,;:—–]")  # compiled once: re's own cache is looked up at every call
_LISTENER_VERBS = frozenset("told tells telling tell".split())
_NOT_A_SUBJECT = speech.DETERMINERS | NO_SUBJECT  # words a subject never ends with (see _subjectless)


# ---- the speaker phrase ---------------------------------------------------------------------------------------


def _word_limit(before: str) -> int:
    """How far after a quote its speech verb may be: further when a name and its apposition come first."""
    first = before.lstrip(" ,—–-").split(None, 3)[:3]
    # a title in lower case may come first: "nuclear experts Ann Lee and Tom Reed of the Harbour Institute wrote"
    named = bool(first) and first[0].lower() not in speech.NP_STOP and any(w[0].isupper() for w in first)
    return 24 if first and (named or first[0].lower() in speech.DETERMINERS) else 12


def _name_before_relative(before: str, base: int) -> Attribution | None:
    """The name opening the words between a quote and its verb, when only a relative clause follows it (its
    closing comma left out): " Ann Lee, who chairs the board said" -> Ann Lee."""
    found = _OPENING_NAME.match(before)
    if not found or not credit_names(found.group(1).split(), 1):
        return None
    rest = before[found.end() :]
    return (base + found.start(1), found.group(1), None) if _WHO.search(rest.split(",")[-1]) else None


def _lone_capital(before: str, base: int) -> Attribution | None:
    """A capitalised word alone between a quote and its speech verb, though it reads as an ordinary word: in
    '"...," Will wrote' it can only be the subject, a surname (speaker_resolve.py checks the article names someone
    so)."""
    word = before.strip(" ,—–-")
    return (base, word, None) if word.isalpha() and word[0].isupper() and word[1:].islower() else None


def _names_speaker(np: str) -> bool:
    """A noun phrase that can speak: one with a name ("Ann Lee, 30", "psychologist Lee") or headed by a person noun
    ("the harbour chief"); "her record" cannot."""
    tokens = [t.strip(",") for t in np.split() if t.strip(",")]
    return bool(tokens) and (any(t[0].isupper() for t in tokens) or tokens[-1].lower() in speech.PERSON_HEADS)


def _may_speak(np: str) -> bool:
    """A noun phrase with a name, a person noun or a writing in it: "one of her ads", "the former secretary of
    state"; not "the crowd's roar"."""
    tokens = np.split()
    return MASK not in np and any(t[:1].isupper() or t.lower().rstrip(",") in _SPEAKING_NOUNS for t in tokens[1:])


def _names_person(token: str) -> bool:
    return token[0].isupper() or token.lower() in speech.PERSON_HEADS


def opens_clause(chunk: str) -> bool:
    """Whether a new clause starts in the words before a speech verb, so the verb is not the quote's; "and" between
    two names joins them: '"X," Tom Reed and Ann Lee wrote'."""
    tokens = chunk.split()
    for i, token in enumerate(tokens):
        low = token.lower()
        # "Tom Reed and Ann Lee", "the senator and Republican candidate": "and" between two nouns of people
        between_names = 0 < i < len(tokens) - 1 and _names_person(tokens[i - 1]) and (
            tokens[i + 1][0].isupper() or tokens[i + 1].lower() in speech.PERSON_HEADS)
        joins_names = low == "and" and between_names
        if low in speech.CLAUSE_WORDS and not joins_names:
            return True
    return False


def find_attribution(masked: str, frame: tuple[int, int], marks: tuple[int, int]) -> Attribution | None:
    """The speaker phrase of the clause holding a quote whose marks span `marks`: after it first, then before it."""
    opening, post_start = marks
    post = masked[post_start : frame[1]]
    if _SUBORDINATE_SAYER.match(masked, frame[0], opening):
        post = ""  # 'When someone shouted, "Cruz," Beck joked': the clause's own verb gives the quote its speaker
    for verb in speech_verbs(post, speech.SPEECH_VERBS_AFTER_QUOTE):
        if _INTRODUCES_NEXT.match(post, verb.end()) and any(
                not v.group().lower().endswith("ing") for v in speech_verbs(masked[frame[0] : opening])):
            # 'After Lee said the quay was "a wreck," Reed said: "..."': Reed's verb is the next quote's, the first
            # has a finite verb of its own ('Conceding it "may come," he warned: "..."' has only a participle)
            break
        before = post[: verb.start()]
        joined = _JOINED_QUOTES.match(before) or _DASHED_ASIDE.match(before)
        if joined and MASK in joined.group():
            # '"a crisis" and "a disgrace," Ann Lee said': the quotes joined to this one share its speaker
            before = " " * joined.end() + before[joined.end() :]
        lead = before.lstrip(" ,—–-")
        if lead[:3].lower() == "as " and verb.group().lower() not in {"saying", "telling", "adding"}:
            before = before[: len(before) - len(lead)] + "   " + lead[3:]  # '"X," as Cruz said' quotes Cruz
        last_chunk = _CLAUSE_MARK.split(before)[-1]
        if MASK in before or len(before.split()) > _word_limit(before):
            break
        if opens_clause(last_chunk):
            # '"...," Ann Lee, the guru who founded the site tweeted': the relative is the apposition's, Lee speaks
            named = _name_before_relative(before, post_start) if _WHO.search(last_chunk) else None
            if named:
                return named
            break
        # Right after the quote a finite speech verb comes before its subject ('"...," agrees Ann Lee'), but for one
        # whose object is the listener ("told the paper"); a participle takes an object ('"...," describing the team')
        word = verb.group().lower()
        right_after = not before.strip(" ,—–-") and word not in _LISTENER_VERBS and not word.endswith("ing")
        inverted = word in speech.INVERTED_AFTER_QUOTE or right_after
        if not before.strip(" ,—–-"):
            if not inverted:
                break
            found = np_after(post[verb.end() :], post_start + verb.end())
            if found and word not in speech.INVERTED_AFTER_QUOTE and not _names_speaker(found[1]):
                found = None  # '"terrible," denounced her record': an object, not the speaker
            if found and _reported_subject(masked, found):
                break  # 'Reed, noting the "empty quays," said he was worried': the verb's subject came before
        else:
            after = np_after(post[verb.end() :], post_start + verb.end()) if inverted and before.rstrip()[-1:] == "," else None
            lead_at = post_start + len(before) - len(before.lstrip(" ,—–-"))
            # "a source familiar with the talks said": the head speaks, not the noun ending the phrase
            found = after or postmodified_subject(before.lstrip(" ,—–-"), lead_at) or subject(
                before.lstrip(" ,—–-"), lead_at, False) or _lone_capital(before, lead_at)
        if found:
            return found
    dash = dash_credit(post, post_start)
    if dash:
        return dash
    pre = masked[frame[0] : opening]
    # Right before a colon and its quote a present-tense form is surely the verb: 'Wallnau continues: "..."'
    colon = pre.rstrip().endswith(":") and re.search(r"\b[A-Za-z]+:\s*$", pre)  # the colon first: a quick look
    verbs = speech_verbs(pre, speech.SPEECH_VERBS_AFTER_QUOTE if colon else speech.SPEECH_VERBS)
    if not colon:
        verbs = sorted(verbs + present_after_name(pre), key=lambda m: m.start())
    credit = credit_line(pre, frame[0])
    if credit and (not verbs or verbs[-1].end() + frame[0] <= credit[0]):
        return credit  # "Pollsters agree - Carl Bialik: ...": a round-up's credit line after a heading's verb
    if not verbs:
        return None
    # The verb nearest the quote first; an earlier one when that one names nobody: in "X says she would order
    # them to pass their stress tests", "stress" is a noun, and "X mocked it, saying anybody who complains" quotes X.
    for verb in reversed(verbs[-3:]):
        if _NEW_CLAUSE_AFTER_QUOTE.search(pre, verb.end()):
            return None  # 'While Lee hails the plan as "bold," Reed fixates on the "cost"': the verb had its quote
        main = after_subordinate(pre, verb)
        main_subject = leading_subject(pre[main:], frame[0] + main) if main >= 0 else None
        if main_subject and main_subject[1].lower() not in speech.PRONOUNS:
            # 'When Reed criticized her, Lee shot back, "..."': the main clause's subject speaks, not the verb's;
            # a pronoun there most often is the verb's subject again ('When Reed spoke, he called it "..."')
            return main_subject
        found = _before_quote(masked, pre, verb, frame[0], opening)
        if found or not _subjectless(pre[: verb.start()]):
            return found
    return None


def _said_before(before: str, base: int) -> Attribution | None:
    """The subject of a speech verb closing the clause a participle hangs on: in "Reed and Lee will meet, Nora
    Brandt said, adding ..." Brandt adds, not the reported clause's subject."""
    chunks = [c for c in comma_chunks(before, base) if c[1].strip()]
    if len(chunks) < 2:
        return None
    offset, chunk = chunks[-1]
    verbs = speech_verbs(chunk, speech.SPEECH_VERBS_AFTER_QUOTE)
    rest = chunk[verbs[-1].end() :].split() if verbs else []
    if not verbs or (rest and rest[0].lower() not in _SETTING_OPENINGS):
        return None  # the chunk does not end with its speech verb and a setting ("at a fundraiser Tuesday")
    return subject(chunk[: verbs[-1].start()], offset, True)


def _whole_subject(before: str, base: int) -> Attribution | None:
    """The noun phrase that is all the words before a participle's comma: "Tom Reed, noting ..." -> Tom Reed."""
    found = subject(before, base, True) if before.count(",") == 1 else None
    return found if found and not before[: found[0] - base].strip() else None


def _reported_subject(masked: str, found: Attribution) -> bool:
    """Whether the noun phrase after a speech verb opens the reported clause ("said he was", "said the loss
    would"), its verb right after it."""
    following = masked[found[0] + len(found[1]) :].split()[:1]
    return bool(following) and following[0] in speech.AUXILIARIES


def _subjectless(before: str) -> bool:
    """Whether a speech verb has no subject of its own, so an earlier verb's may speak: after a determiner it is a
    noun ("their stress tests"), after a relative, a conjunction or "to" its subject is elsewhere ("anybody who
    complains", "but said", "wants him to explain"); after any other word that word ends its own subject ("an FBI
    inquiry said")."""
    words = [w.lower() for w in before.split()]
    while words and (words[-1] in speech.SKIP_ADVERBS or words[-1].endswith("ly")):
        words.pop()  # "to further explain": the adverb is no subject
    word = words[-1] if words else ""
    return not word or word.endswith(",") or word in _NOT_A_SUBJECT


def _before_quote(masked: str, pre: str, verb: re.Match[str], base: int, opening: int) -> Attribution | None:
    """The speaker a speech verb before the quote names (`pre` is the quote's sentence up to its opening mark)."""
    agent = passive_agent(masked, verb, base)  # 'called "a folly" by Tom Reed', 'often labelled a "hunt" by critics'
    if agent or _BE_BEFORE.search(pre, 0, verb.start()) and verb.group().lower().endswith(("ed", "said", "told")):
        return agent  # passive: 'Reed was asked, "..."', 'Lee was said to be "furious"' - someone else's words
    # "As Tom Reed put it: ..." quotes Reed: the "as" is no part of the subject (blanked, so offsets hold)
    before = _AS_OPENING.sub(lambda m: " " * len(m.group()), pre[: verb.start()])
    absolute = _WITH_ABSOLUTE.search(before) if verb.group().lower().endswith("ing") else None
    if absolute and _may_speak(absolute.group("np")):
        # "..., with one of her ads asking, ...": "with" and a noun phrase give the participle its own subject
        return base + absolute.start("np"), absolute.group("np"), None
    if verb.group().lower().endswith("ing") and before.rstrip().endswith((",", MASK)):
        # A participle hangs on the clause before it: "X denied it, saying ..." quotes X, as does "X, noting ...";
        # the comma may stand inside a quote's closing mark, masked with it: 'X mocked the "experts," saying'.
        return _said_before(before, base) or leading_subject(before, base) or _whole_subject(before, base)
    joined = _ADVERBS_AFTER_AND.sub("", before.rstrip())
    if joined.endswith(" and"):
        before = joined  # "X raised it and later said": an adverb between changes nothing
        # A second verb of the same subject: "X stressed his record and said ..." quotes X; the subject of the
        # last clause first: "When Y was asked about it, he laughed and said ..." quotes "he".
        last = comma_chunks(before, base)[-1]
        inner = _LAST_SUBORDINATE.search(last[1])
        if inner:
            # "X called Y a liar after she attacked the police and blamed ...": the verbs joined are the clause's
            return leading_subject(last[1][inner.end() :], last[0] + inner.end())
        if place_tag(last[1].rstrip()[: -len(" and")]):
            return leading_subject(before, base)  # "... in Laredo, Texas and explained": the state of a town
        return leading_subject(last[1], last[0]) or leading_subject(before, base)
    found = (postmodified_subject(before, base) or subject(before, base, True) or described(before, base)
             or relative_subject(before, base) or subject_before_aside(before, base))
    if not found and _hangs_on_clause(verb.group(), before):
        found = leading_subject(before, base)
    if found or verb.group().lower() not in speech.INVERTED_VERBS:
        return found
    found = np_after(pre[verb.end() :], base + verb.end())
    # 'said Tom Reed: "..."', but not 'said the loss was "..."': there the noun phrase is a reported clause's subject
    between = masked[found[0] + len(found[1]) : opening] if found else ""
    following = between.split()[:1]
    if found and between and not between.strip() and found[1].split()[0].lower() in speech.DETERMINERS:
        return None  # 'a resolution which said the city "condemns ..."': the quote goes on the city's clause
    return None if following and following[0] in speech.AUXILIARIES else found


# What a speech verb follows when it takes the subject of the clause before it: "X went on to say", "X answered by
# saying", "X issued a statement Friday saying".
_HANGING = re.compile(r"(?:\b(?:to|by|while)|\ban?\s+(?:[a-z]+\s+)?(?P<noun>[a-z]+)(?:\s+[A-Z][a-z]+day)?)\s*$")
_ADVERB = r"(?:(?:[a-z]+ly|also|again|then|later|first|never|not|once)\s+)?"  # "was later asked"
# Adverbs between "and" and a second verb of the same subject: "X raised it and later said", "and then added"
_ADVERBS_AFTER_AND = re.compile(r"(?<=\sand)(?:\s+(?:later|then|also|again|soon|finally|[a-z]+ly))+$")
_BE_BEFORE = re.compile(r"\b(?:is|was|are|were|be|been|being)\s+" + _ADVERB + "$")
# The last subordinate clause a chunk opens, up to a second verb joined by "and".
_LAST_SUBORDINATE = re.compile(r"\b(?:after|when|because|while|since|before|although|though|if|until)\s+"
                               r"(?!.*\b(?:after|when|because|while|since|before|although|though|if|until)\b)")
_AS_OPENING = re.compile(r"(?:^|(?<=,))\s*(?:(?:But|And|Yet)\s+)?[Aa]s\s+(?=[A-Z]|(?:the|a|an)\s)")
# "and Breitbart News", "as Joel Pollak": a clause's leading conjunction, before its subject
_CLAUSE_LEAD = re.compile(r"^\s*(?:and|but|as)\s+(?=[A-Z]|(?:the|a|an)\s)", re.I)


def _hangs_on_clause(verb: str, before: str) -> bool:
    """Whether a speech verb takes the subject of the clause it hangs on: an infinitive ("X went on to say"), a
    participle after "by" or "while", or one describing a writing the subject issued ("X released a statement
    saying"); after another noun the participle describes it ("comments Trump made saying", "the paper's
    editorial telling him")."""
    found = _HANGING.search(before, max(0, len(before) - 40))
    if not found:
        return False
    if found.group("noun") is None:
        return verb.lower().endswith("ing") or found.group().strip() == "to"
    return verb.lower().endswith("ing") and found.group("noun") in speech.SOURCE_NOUNS


def find_introduction(sentence: str, base: int) -> Attribution | None:
    """The speaker a paragraph's last sentence introduces for the quote standing alone after it: "Tom Reed said
    the plan would fail." or "The Daily Planet reports:"; the subject of its first speech verb."""
    colon = sentence.rstrip().endswith(":")
    verbs = speech_verbs(sentence, speech.SPEECH_VERBS_AFTER_QUOTE if colon else speech.SPEECH_VERBS)
    if not verbs or MASK in sentence:
        return None
    before = sentence[: verbs[0].start()]
    # the last clause opens with its subject, past "and" or "as" ("..., and Breitbart News responded:", "Of course,
    # as Joel Pollak observed, ...:") and past a dash ("... can be!— Cruz called them on it:")
    last = _CLAUSE_LEAD.sub("", re.split(r"[,—–]", before)[-1])
    if not before.strip():
        return None
    if opens_clause(last):  # a clause of its own: its subject is who is introduced, if anyone
        return last_clause_subject(before, base)
    # as before a quote in its own sentence: "X stressed it by saying ...", "The vote will fail, said X."
    return _before_quote(sentence, sentence, verbs[0], base, len(sentence))


def find_colon_subject(sentence: str, base: int) -> Attribution | None:
    """The subject of a paragraph's last sentence ending in a colon and no speech verb, for the quote standing alone
    after it: "He then listed the qualities a nominee needs:" hands the quote below to "He"."""
    if not sentence.rstrip().endswith(":") or MASK in sentence:
        return None
    found = leading_subject(sentence, base)
    return None if not found or found[1].endswith(("'s", "’s", "s'", "s’")) else found

