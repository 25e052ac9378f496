"""The error hierarchy. The CLI turns these into one-line messages; anything else is a bug and keeps its traceback."""

from __future__ import annotations


class DigestError(Exception):
    """Base class of every error digest reports to the user."""


class ConfigError(DigestError):
    """digest.toml is missing, malformed, or has bad keys (all of them listed in the message)."""

    def __init__(self, path: str, problems: list[str]) -> None:
        self.path = path
        self.problems = problems
        super().__init__(f"{path}: " + "; ".join(problems))


class SourceError(DigestError):
    """One input article cannot be used; the rest of the site still builds."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class ThemeError(DigestError):
    """A theme or template is missing or broken."""


class BuildError(DigestError):
    """The build as a whole failed; the previous site is left in place."""
