from __future__ import annotations

from collections.abc import Iterator

import pytest

from kesu.triage import selectors, similar


@pytest.fixture(autouse=True)
def _fresh_triage() -> Iterator[None]:
    """Each test starts with no model and no similarity index in this process (the test
    database is rolled back between tests; a site's case ids only grow)."""
    similar.reset()
    selectors.forget_model()
    yield
    similar.reset()
    selectors.forget_model()
