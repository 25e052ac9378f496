"""digest.toml: defaults, every bad key reported at once with a hint, base path from site_url."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.config import load_config
from generator.errors import ConfigError


def test_folder_without_config_gets_defaults(tmp_path: Path) -> None:
    config = load_config(tmp_path)
    assert config.title == "Digest"
    assert config.content_path == (tmp_path / "content").resolve()
    assert config.output_path == (tmp_path / "output").resolve()
    assert config.base_path == "/"


def test_sub_path_site_url_gives_base_path(tmp_path: Path) -> None:
    (tmp_path / "digest.toml").write_text('site_url = "https://user.github.io/repo"\n')
    assert load_config(tmp_path).base_path == "/repo/"


def test_every_bad_key_reported_at_once(tmp_path: Path) -> None:
    (tmp_path / "digest.toml").write_text(
        'titel = "x"\nfeed_length = "ten"\nsite_url = "ftp://x"\nlanguage = 3\ntimezone = "Mars/Olympus"\n'
        '[[topics]]\nkeywords = ["a"]\n'
    )
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path)
    problems = caught.value.problems
    assert len(problems) == 6, problems
    text = " | ".join(problems)
    assert "unknown key 'titel' (did you mean 'title'?)" in text
    assert "'feed_length' must be a positive integer" in text
    assert "'site_url' must start with http" in text
    assert "'language' must be a str" in text
    assert "'topics[0]' needs a non-empty 'name'" in text
    assert "'timezone' 'Mars/Olympus' is not a known time zone" in text


def test_invalid_toml_is_one_clear_error(tmp_path: Path) -> None:
    (tmp_path / "digest.toml").write_text('title = "unclosed\n')
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(tmp_path)


def test_pinned_topics_parsed(tmp_path: Path) -> None:
    (tmp_path / "digest.toml").write_text('[[topics]]\nname = "Talks"\nkeywords = ["six-party"]\n')
    (pinned,) = load_config(tmp_path).topics
    assert pinned.name == "Talks" and pinned.keywords == ("six-party",)
