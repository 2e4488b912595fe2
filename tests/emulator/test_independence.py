"""The emulator is its own package: it needs only aiohttp and the standard library, never the
bot or the domain, so it can serve any Bot API client (and ships in the wheel for the demo)."""

from __future__ import annotations

import ast
import subprocess
import sys
import tomllib
from pathlib import Path

import emulator

PACKAGE = Path(emulator.__file__).resolve().parent
ROOT = PACKAGE.parent
# aiohttp and what it brings along; the emulator may lean on these and nothing else.
THIRD_PARTY = {"aiohttp", "multidict", "yarl"}


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, top-level module) for every import in a file, TYPE_CHECKING ones included."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name.split(".")[0]) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module.split(".")[0]))
    return found


def test_the_emulator_imports_only_the_standard_library_aiohttp_and_itself():
    allowed = set(sys.stdlib_module_names) | THIRD_PARTY | {"__future__", "emulator"}
    modules = sorted(PACKAGE.rglob("*.py"))
    assert len(modules) > 10
    foreign = [f"{path.relative_to(ROOT)}:{line} imports {name}"
               for path in modules for line, name in _imports(path) if name not in allowed]
    assert foreign == []


def test_importing_the_emulator_loads_neither_the_bot_nor_the_domain():
    probe = ("import sys, emulator; print(' '.join(sorted({m.split('.')[0] for m in sys.modules}"
             " & {'bot', 'zi_core', 'telegram', 'sqlalchemy'})))")
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True,
                            text=True, check=True)
    assert result.stdout.strip() == ""


def test_the_wheel_and_the_sdist_ship_the_emulator():
    build = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["hatch"]["build"]
    assert "emulator" in build["targets"]["wheel"]["packages"]
    assert "emulator" in build["targets"]["sdist"]["include"]
