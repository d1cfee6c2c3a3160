# --- claims graph fixtures (graph, export, analytics, plugin tests) ---
import pytest as _pytest_graph  # noqa: E402


@_pytest_graph.fixture
def claims_kb(tmp_path):
    """Path to a small hand-made knowledge base (see tests/graph_kb.py)."""
    from graph_kb import build_claims_kb

    return build_claims_kb(tmp_path / "kb.db")


@_pytest_graph.fixture(scope="session")
def demo_kb(tmp_path_factory):
    """The demo corpus (data/articles) through the real extractor, once per test run: read it, never
    write to it (copy it first)."""
    from pathlib import Path

    from kb.ingest import ingest

    db_path = tmp_path_factory.mktemp("demo") / "kb.db"
    corpus = Path(__file__).resolve().parent.parent / "data" / "articles"
    summary = ingest([corpus], db_path, progress=False, echo=lambda m: None)
    assert summary.documents >= 26 and summary.errors == 0
    return db_path


# --- real-browser tests: one headless Chromium per test module ---
@_pytest_graph.fixture(scope="module")
def browser():
    """Debian's Chromium driven by Playwright (the tests skip when it is missing)."""
    from browser_support import CHROMIUM, CHROMIUM_ARGS

    sync_api = _pytest_graph.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
