
# --- claims graph fixtures (graph, export, analytics, plugin tests) ---
import pytest as _pytest_graph  # noqa: E402


@_pytest_graph.fixture
def claims_kb(tmp_path):
    """Path to a small hand-made knowledge base (see tests/graph_kb.py)."""
    from graph_kb import build_claims_kb

    return build_claims_kb(tmp_path / "kb.db")
