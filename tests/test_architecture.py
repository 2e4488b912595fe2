"""The direction of imports (CONVENTIONS #1, issue 12): the domain knows no database, handlers
and views reach the database only through zi_core's services and queries, and no handler
imports another handler."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def _modules(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


def _offenders(folder: str, forbidden: str, allowed: set[str] = frozenset()) -> list[str]:
    return [f"{path.relative_to(ROOT)}: {name}" for path in _modules(folder)
            if path.name not in allowed
            for name in sorted(_imports(path))
            if name == forbidden or name.startswith(forbidden + ".")]


def test_the_domain_imports_nothing_from_the_database_adapter():
    assert _modules("zi_core/domain")
    assert _offenders("zi_core/domain", "zi_core.db") == []


def test_views_import_nothing_from_the_database_adapter():
    assert _offenders("bot/views", "zi_core.db") == []


def test_handlers_reach_the_database_only_through_services_and_queries():
    assert _offenders("bot/handlers", "zi_core.db") == []


def test_no_handler_imports_another_handler():
    found = [f"{path.name}: {name}" for path in _modules("bot/handlers")
             for name in _imports(path) if name.startswith("bot.handlers.")]
    assert found == []
