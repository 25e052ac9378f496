"""`digest check`: the seed site checks clean; each kind of problem, injected, is reported on its own line."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Iterator

import pytest
from click.testing import CliRunner, Result

from generator.check import check_digest
from generator.cli import main
from generator.config import load_config
from generator.models import Digest
from generator.full_build import collect

NYT_SLUG = "us-and-north-korean-officials-agree-they-narrowed-differences"
BBC_SLUG = "n-korea-and-us-in-diplomacy-push"


def check(runner: CliRunner, site: Path) -> Result:
    return runner.invoke(main, ["check", "--site", str(site)])


def override(site: Path, name: str, text: str) -> None:
    folder = site / "templates"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


def findings(result: Result) -> list[str]:
    return [line for line in result.output.splitlines() if not line.startswith(("Error:", "WARNING:"))]


def test_seed_site_checks_clean_without_writing(runner: CliRunner, seed_site: Path) -> None:
    result = check(runner, seed_site)
    assert result.exit_code == 0, result.output
    (line,) = result.output.splitlines()
    assert line.startswith("No problems in ") and " pages, " in line and line.endswith(" feeds")
    pages, feeds = int(line.split()[3]), int(line.split()[5])
    assert pages >= 10 and feeds >= 10
    assert not (seed_site / "output").exists()


def test_broken_links_one_line_each_with_the_page_count(runner: CliRunner, seed_site: Path) -> None:
    override(seed_site, "article.html", """{% extends "default/article.html" %}
{% block aside %}{{ super() }}
<a href="{{ site.urls.link('nowhere/') }}">gone</a>
<a href="/articles/">forgot the base path</a>
<a href="{{ site.urls.link('topics/') }}#no-such-id">missing anchor</a>
<a href="{{ site.urls.link('') }}#content">good anchor</a>
<a href="../../topics/">good relative link</a>
<a href="{{ site.urls.link('topics') }}">folder without slash, which Pages redirects</a>
<a href="{{ site.urls.link('assets/style.css') }}">asset</a>
<a href="https://example.org/elsewhere/">another site</a> <a href="mailto:desk@example.org">mail</a>
{% endblock %}""")
    result = check(runner, seed_site)
    assert result.exit_code == 1
    assert sorted(findings(result)) == [
        f"articles/{BBC_SLUG}/index.html: broken link /articles/ (outside the site, which lives under /repo/)"
        " (and 1 more page)",
        f"articles/{BBC_SLUG}/index.html: broken link /repo/nowhere/ (no such page or file) (and 1 more page)",
        f"articles/{BBC_SLUG}/index.html: broken link /repo/topics/#no-such-id (no id 'no-such-id' on "
        "topics/index.html) (and 1 more page)",
    ]
    assert result.output.splitlines()[-1].startswith("Error: 3 problems in ")


def test_same_site_absolute_links_are_checked_too(runner: CliRunner, seed_site: Path) -> None:
    override(seed_site, "404.html", """{% extends "default/404.html" %}
{% block content %}{{ super() }}<a href="https://user.github.io/repo/gone.html">x</a>
<a href="https://user.github.io/other-project/">a sibling project site, not ours to check</a>{% endblock %}""")
    result = check(runner, seed_site)
    assert findings(result) == ["404.html: broken link https://user.github.io/repo/gone.html (no such page or file)"]


def test_pages_without_a_title_or_heading(runner: CliRunner, seed_site: Path) -> None:
    override(seed_site, "topics.html", '{% extends "default/topics.html" %}{% block title %} {% endblock %}')
    override(seed_site, "people.html", '{% extends "default/people.html" %}{% block content %}<p>x</p>{% endblock %}')
    result = check(runner, seed_site)
    assert result.exit_code == 1
    assert findings(result) == ["people/index.html: no <h1> heading", "topics/index.html: empty <title>"]


def test_altered_quote_is_reported_against_its_content_file(seed_site: Path) -> None:
    config = load_config(seed_site)
    digest = collect(config)
    article = next(a for a in digest.articles if a.quotes)
    first = article.quotes[0]
    # Spacing and quote marks do not count: the same words with curly quotes and doubled spaces still match.
    retyped = replace(first, text=first.text.replace("'", "’").replace(" ", "  ").upper())
    altered = replace(article.quotes[-1], text="We will never talk to anyone, ever.")
    quotes = (retyped, *article.quotes[1:-1], altered) if len(article.quotes) > 1 else (altered,)
    changed = replace(digest, articles=tuple(replace(a, quotes=quotes) if a is article else a
                                             for a in digest.articles))
    report = check_digest(changed, config)
    assert [str(f) for f in report.findings] == [
        f"content/{article.source_path}: quote not found verbatim in the article text: "
        "“We will never talk to anyone, ever.”"
    ]
    assert check_digest(digest, config).findings == ()


def _rename_speaker(digest: Digest, index: int, slug: str) -> Digest:
    speakers = list(digest.speakers)
    speakers[index] = replace(speakers[index], slug=slug)
    return replace(digest, speakers=tuple(speakers))


def test_slugs_colliding_in_case_or_exactly(seed_site: Path) -> None:
    config = load_config(seed_site)
    digest = collect(config)
    first, second = digest.speakers[0], digest.speakers[1]
    folded = _rename_speaker(digest, 1, first.slug.upper())
    lines = [str(f) for f in check_digest(folded, config).findings]
    assert lines == [f"people/{first.slug.upper()}/: '{first.name}', '{second.name}' have slugs that differ only in "
                     f"case: {first.slug.upper()} / {first.slug}"]
    same = _rename_speaker(digest, 1, first.slug)
    lines = [str(f) for f in check_digest(same, config).findings]
    assert f"people/{first.slug}/: '{first.name}', '{second.name}' share the slug {first.slug}" in lines


def test_content_files_asking_for_one_slug_are_told_apart_by_the_builder(runner: CliRunner, seed_site: Path) -> None:
    """Front-matter slugs that collide, even only in case, get distinct folders: nothing for check to report."""
    for name, slug in (("a.md", "Same-Story"), ("b.md", "same-story")):
        (seed_site / "content" / name).write_text(
            f"---\ntitle: Talks resume in Beijing\nslug: {slug}\n---\n\n"
            "Negotiators met in Beijing on Tuesday to restart the talks, officials said. "
            "The meeting lasted three hours and ended without a statement.\n", encoding="utf-8")
    result = check(runner, seed_site)
    assert result.exit_code == 0, result.output
    digest = collect(load_config(seed_site))
    assert {"same-story", "same-story-2"} <= {a.slug for a in digest.articles}


def test_invalid_feed_is_reported(runner: CliRunner, seed_site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No input makes feedgen write a bad feed, so the rendered files are altered on their way to the checker."""
    import generator.check

    real = generator.check.site_files

    def without_channel_title(digest: Digest, config: object) -> Iterator[tuple[str, str | bytes]]:
        for rel, data in real(digest, config):  # type: ignore[arg-type]
            if rel == "topics/north-korea-nuclear-test/feed.xml":
                head, _, tail = bytes(data).partition(b"</title>")
                data = head.rsplit(b"<title>", 1)[0] + tail
            yield rel, data

    monkeypatch.setattr(generator.check, "site_files", without_channel_title)
    result = check(runner, seed_site)
    assert result.exit_code == 1
    assert findings(result) == ["topics/north-korea-nuclear-test/feed.xml: channel has no <title>"]


def test_check_reports_a_bad_config_in_one_line(runner: CliRunner, seed_site: Path) -> None:
    (seed_site / "digest.toml").write_text('site_url = "ftp://x/"\n')
    result = check(runner, seed_site)
    assert result.exit_code == 1 and result.output.count("\n") == 1
    assert "'site_url' must start with http:// or https://" in result.output
