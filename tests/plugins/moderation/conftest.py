"""Shared fixtures for the house-rules engine tests."""
from __future__ import annotations

import pytest

from samovar.plugins.moderation.engine import RuleSet


@pytest.fixture(scope="session")
def default_rules() -> RuleSet:
    """The packaged default rules, compiled once for the whole session."""
    return RuleSet.from_default()
