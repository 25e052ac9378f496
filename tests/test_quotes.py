"""Direct quotes and their speakers, on the two seeds, hand-written cases and the PolNeAR dev set."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from generator.extract.quotes import find_quotes, find_quotes_with_evidence
from generator.models import Block, Quote

ROOT = Path(__file__).resolve().parent.parent
POLNEAR = ROOT.parent / "shared" / "benchmarks" / "quotes-polnear" / "dev.jsonl"
# The BBC page furniture, dropped by hand here (the real cleaner is tested on its own).
BBC_FURNITURE = ("[an error", "BBC News", "watch One-Minute", "Last Updated", "N Korea and US in diplomacy push",
                 "North Korean negotiator Kim Kye-gwan in Beijing", "Mr Kim says North Korea", "The BBC is not",
                 "Has China", "How the world", "Why Royal", "Americas Africa")


def seed_blocks(name: str) -> tuple[Block, ...]:
    """A seed split on blank lines (BBC: on lines, furniture dropped), entities decoded."""
    text = html.unescape((ROOT / "seeds" / name).read_text(encoding="utf-8"))
    lines = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)] if name.startswith("000") else text.splitlines()
    blocks = []
    for line in (line.strip() for line in lines):
        if line and not line.startswith(BBC_FURNITURE):
            blocks.append(Block("heading" if line[0] == line[-1] == "'" else "paragraph", line))
    return tuple(blocks)


NYT = seed_blocks("000_427a53e85ff3b537.txt")
BBC = seed_blocks("003_8c01498c710a7303.txt")


def by_text(quotes: tuple[Quote, ...]) -> dict[str, Quote]:
    return {q.text: q for q in quotes}


NYT_EXPECTED = [
    ("very positive and generally constructive.", "Stephen W. Bosworth", "the American special envoy"),
    ("We narrowed differences on several points and explored our differences on other points,", "Stephen W. Bosworth", None),
    ("what has to be done before we can both agree to a resumption of the formal negotiations.", "Stephen W. Bosworth", None),
    ("big progress", "Kim Kye-gwan", "First Vice Foreign Minister"),
    ("We agreed to consider more and meet again,", "Kim Kye-gwan", None),
    ("as soon as possible,", "Kim Kye-gwan", None),
    ("I hope so.", "Kim Kye-gwan", None),
    ("There’s a long history of this relationship and we have many differences not all of which can be overcome "
     "quickly,", "Stephen W. Bosworth", None),
    ("continued effort", "Stephen W. Bosworth", None),
    ("a good atmosphere", "American officials", None),
]
BBC_EXPECTED = [
    ("equal level", "Kim Kye-gwan", "North Korea's envoy"),
    ("very soon", "Christopher Hill", "US envoy"),
    ("relevant parties can have an in-depth exchange of ideas in order to promote the early resumption of talks,",
     "a Chinese foreign ministry spokesperson", None),
    ("any time", "Kim Kye-gwan", None),
    ("We have taken defensive measures against sanctions imposed on us, through the nuclear experiment,", "Kim Kye-gwan", None),
    ("As we have attained that position, we can now have discussions on an equal level.", "Kim Kye-gwan", None),
    ("get going at some point very soon", "Christopher Hill", None),
]


@pytest.mark.parametrize("blocks,text,speaker,role", [(NYT, *e) for e in NYT_EXPECTED] + [(BBC, *e) for e in BBC_EXPECTED])
def test_seed_quotes_and_speakers(blocks: tuple[Block, ...], text: str, speaker: str, role: str | None) -> None:
    quote = by_text(find_quotes(blocks))[text]
    assert quote.speaker == speaker
    assert text in blocks[quote.paragraph].text
    if role:
        assert quote.speaker_role == role


@pytest.mark.parametrize("blocks", [NYT, BBC])
def test_seed_quotes_are_all_found_and_all_attributed(blocks: tuple[Block, ...]) -> None:
    quotes = find_quotes(blocks)
    expected = NYT_EXPECTED if blocks is NYT else BBC_EXPECTED
    assert [q.text for q in quotes] == [e[0] for e in expected]  # reading order, no scare quotes or names


def test_names_in_quotes_are_not_quotes() -> None:
    assert "the New York channel" not in by_text(find_quotes(NYT))
    blocks = (Block("paragraph", 'He appeared on "Saturday Night Live" and in the "undercard" debate.'),)
    assert find_quotes(blocks) == ()


@pytest.mark.parametrize("blocks", [NYT, BBC])
def test_key_quotes_are_attributed_sentences_from_several_speakers(blocks: tuple[Block, ...]) -> None:
    key = [q for q in find_quotes(blocks, key_count=3) if q.key]
    assert len(key) == 3
    assert all(q.speaker and len(q.text.split()) >= 5 for q in key)
    assert len({q.speaker for q in key}) >= 2
    assert len([q for q in find_quotes(blocks, key_count=1) if q.key]) == 1


def test_phatic_replies_are_never_key() -> None:
    assert not by_text(find_quotes(NYT))["I hope so."].key


def test_two_people_sharing_a_family_name_stay_apart() -> None:
    blocks = (
        Block("paragraph", "North Korean leader Kim Jong-il met Vice Foreign Minister Kim Kye-gwan on Monday."),
        Block("paragraph", "“We will talk,” Mr. Kim said after the meeting, according to state media."),
        Block("paragraph", "Vice Foreign Minister Kim said the talks were “very useful.”"),
    )
    first, second = find_quotes(blocks)
    assert first.speaker == "Kim Kye-gwan"  # the most recently named Kim
    assert second.speaker == "Kim Kye-gwan" and second.speaker_role == "Vice Foreign Minister"
    blocks = (
        Block("paragraph", "Vice Foreign Minister Kim Kye-gwan arrived. North Korean leader Kim Jong-il stayed home."),
        Block("paragraph", "“We will wait,” Mr. Kim said."),
    )
    (quote,) = find_quotes(blocks)
    assert quote.speaker == "Kim Jong-il" and quote.speaker_role == "North Korean leader"


@pytest.mark.parametrize(
    "text,expected",
    [
        ('"We agreed," he said, "to meet again soon."', ["We agreed,", "to meet again soon."]),
        ("« Nous avons parlé, » a dit Jean-Marc Ayrault.", ["Nous avons parlé,"]),
        ("She said: ‘We won’t stop until it’s over.’", ["We won’t stop until it’s over."]),
        ("The North’s envoy couldn’t say, and the players’ union won’t either.", []),
        ("“He told me ‘never again’ and left,” she said.", ["He told me ‘never again’ and left,"]),
    ],
)
def test_quote_marks(text: str, expected: list[str]) -> None:
    blocks = (Block("paragraph", "Jane Smith, the mayor, spoke on Monday."), Block("paragraph", text))
    assert [q.text for q in find_quotes(blocks)] == expected


@pytest.mark.parametrize(
    "text,speaker",
    [
        ("“We will rebuild the bridge this year,” said Jane Smith, the mayor.", "Jane Smith"),
        ("“We will rebuild the bridge this year,” Jane Smith, the mayor, told reporters.", "Jane Smith"),
        ("Jane Smith insisted that the city would “rebuild the bridge this year.”", "Jane Smith"),
        ("“Why not rebuild it?” a council spokesman asked.", "a council spokesman"),
        ("“We will rebuild it,” the mayor said.", "Jane Smith"),
        ("The bridge will be rebuilt, according to Jane Smith: “We will rebuild it.”", "Jane Smith"),
        ("Critics called it “a waste of money” on Tuesday.", "Critics"),
        ("The report, published on Monday, was “a waste of money and time.”", None),
        ("“We will rebuild it,” Tom Reed, 33, a local builder, said of the plan.", "Tom Reed"),
        ("“We will rebuild it,” Tom Reed, director of the harbour authority in the city, said on Monday.", "Tom Reed"),
        ("“We will rebuild it,” said one senior council official.", "one senior council official"),
        ("“We will rebuild it” if the money comes, said Tom Reed, a local builder.", "Tom Reed"),
        ("“We will rebuild it,” said Senate Minority Leader Tom Reed (D-Ohio) in an interview.", "Tom Reed"),
        ("Tom Reed himself said that “the bridge will be rebuilt this year.”", "Tom Reed"),
        # a present-tense verb that is also a noun ("notes") is a verb right after a quote
        ("“We will rebuild it before the winter,” Tom Reed notes.", "Tom Reed"),
        ("“We will rebuild it before the winter,” said the 52-year-old.", "the 52-year-old"),
        ("Tom Reed admitted that “the bridge is older than we thought.”", "Tom Reed"),
        ("Tom Reed thanked the crew for “working through the storm without a break.”", "Tom Reed"),
        ("Tom Reed, for his part, is labeling the plan “a clumsy overreach by the council.”", "Tom Reed"),
        # a participle quotes the subject of the clause it hangs on
        ("On Sunday, Tom Reed issued a warning, stating that the plan was “clearly not finished yet.”", "Tom Reed"),
        ("Hours later, Tom Reed answered the council, telling reporters, “We will rebuild it soon.”", "Tom Reed"),
        # round-up credit lines: a name before a colon, a name after a dash
        ("BRIDGE PLAN STALLS - Tom Reed, Harbour Gazette: “The vote was the moment the plan fell apart.”", "Tom Reed"),
        ("“The vote was the moment the plan fell apart for the council.” ― Tom Reed", "Tom Reed"),
        # "States" is no speech verb, and the words after a label are no speaker
        ("The plan was cast as “slow and costly” for most towns in the United States.", None),
        ("“We will rebuild it,” came the reply from the back of the hall.", None),
    ],
)
def test_attribution_forms(text: str, speaker: str | None) -> None:
    blocks = (Block("paragraph", "Jane Smith, the mayor, spoke on Monday about the city."), Block("paragraph", text))
    (quote,) = find_quotes(blocks)
    assert quote.speaker == speaker


def test_roles_from_appositions_and_titles_after_the_verb() -> None:
    blocks = (Block("paragraph", "“We will rebuild it,” said Senate Minority Leader Tom Reed in an interview. “Soon, very soon.”"),
              Block("paragraph", "“It is done,” said Ann Lee, a local builder."))
    assert [(q.speaker, q.speaker_role) for q in find_quotes(blocks)] == [
        ("Tom Reed", "Senate Minority Leader"), ("Tom Reed", "Senate Minority Leader"), ("Ann Lee", "a local builder")]


def test_evidence_points_at_the_words_naming_the_speaker() -> None:
    blocks = (Block("paragraph", "Jane Smith, the mayor, spoke on Monday."),
              Block("paragraph", "“We will rebuild the bridge this year,” she said. “It is old.”"),
              Block("paragraph", "Critics called it “a waste of money” on Tuesday."),
              Block("paragraph", "The report was “a waste of money and time.”"))
    found = find_quotes_with_evidence(blocks)
    assert [q for q, _ in found] == list(find_quotes(blocks))
    evidence = [blocks[e[0]].text[e[1] : e[2]] if e else None for _, e in found]
    assert evidence == ["she", "she", "Critics", None]
    assert [q.speaker for q, _ in found][:2] == ["Jane Smith", "Jane Smith"]


def test_a_name_inside_a_quote_is_no_antecedent_of_he_or_she() -> None:
    blocks = (Block("paragraph", "Liz Cheney won the primary on Tuesday. “We need change,” Cheney said."),
              Block("paragraph", "“Hillary Clinton represents the same failed policies,” she said."))
    assert [q.speaker for q in find_quotes(blocks)] == ["Liz Cheney", "Liz Cheney"]


def test_quote_running_over_paragraphs_and_standalone_fallback() -> None:
    blocks = (
        Block("paragraph", "“We have waited long enough for the money,” said Jane Smith, the mayor. “The bridge is old."),
        Block("paragraph", "“And the river is rising faster every winter.”"),
        Block("heading", "Next steps"),
        Block("paragraph", "“We start in May.”"),
        Block("paragraph", "The council meets on Friday. “It will be close.”"),
    )
    quotes = find_quotes(blocks)
    assert [q.text for q in quotes][:4] == ["We have waited long enough for the money,", "The bridge is old.",
                                           "And the river is rising faster every winter.", "We start in May."]
    assert [q.paragraph for q in quotes] == [0, 0, 1, 3, 4]
    assert [q.speaker for q in quotes] == ["Jane Smith"] * 4 + [None]


def test_a_quote_with_unreadable_attribution_does_not_inherit_the_previous_speaker() -> None:
    blocks = (Block("paragraph", "“We will rebuild the bridge,” said Jane Smith."),
              Block("paragraph", "“It is far too slow for us,” came the reply from the back of the hall."),
              Block("paragraph", "“We will start in May.”"))
    assert [q.speaker for q in find_quotes(blocks)] == ["Jane Smith", None, None]


def _polnear_scores(limit: int) -> tuple[float, float]:
    """Quote span F1 (overlap with token Jaccard >= 0.5) and speaker accuracy by name over the first articles."""
    tp = fp = fn = named = right = 0
    with POLNEAR.open(encoding="utf-8") as handle:
        for _, line in zip(range(limit), handle):
            article = json.loads(line)
            text = article["text"]
            blocks = tuple(Block("paragraph", p) for p in text.split("\n") if p.strip())
            predicted = [q for q in find_quotes(blocks) if q.speaker]
            gold = list(article["quotes"])
            for quote in predicted:
                hit = next((g for g in gold if _same_span(quote.text, g["text"])), None)
                if hit is None:
                    fp += 1
                    continue
                gold.remove(hit)
                tp += 1
                if hit["speaker"] and hit["speaker"].lower() not in {"he", "she", "they", "i", "we"}:
                    named += 1
                    right += bool(quote.speaker and set(hit["speaker"].lower().split()) & set(quote.speaker.lower().split()))
            fn += len(gold)
    return 2 * tp / max(2 * tp + fp + fn, 1), right / max(named, 1)


def _same_span(a: str, b: str) -> bool:
    ta, tb = set(re.findall(r"\w+", a.lower())), set(re.findall(r"\w+", b.lower()))
    return bool(ta | tb) and len(ta & tb) / len(ta | tb) >= 0.5


@pytest.mark.skipif(not POLNEAR.exists(), reason="benchmark data not available")
def test_polnear_quality_gate() -> None:
    f1, speaker_accuracy = _polnear_scores(limit=150)
    assert f1 >= 0.84, f1  # measured 0.848 (attributed quotes only)
    assert speaker_accuracy >= 0.94, speaker_accuracy  # measured 0.947
