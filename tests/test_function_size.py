"""Every function in bot/, handlers/ and storage/ reads in one screen: 60 lines at most.

One exception: `bot.app.build_application`, the list of every registration in its order,
may be longer while it stays a flat list (no branch, no loop), its groups commented.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ("bot", "handlers", "storage")
MAX_LINES = 60
FLAT_LIST = ("bot/app.py", "build_application")
BRANCHES = (ast.If, ast.For, ast.AsyncFor, ast.While, ast.Try, ast.With, ast.AsyncWith, ast.Match)


def functions(root: Path = ROOT):
    """(path relative to root, function node) for every function of our three layers."""
    for layer in LAYERS:
        for path in sorted((root / layer).rglob("*.py")):
            relative = path.relative_to(root).as_posix()
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                    yield relative, node


def length(node: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    assert node.end_lineno is not None
    return node.end_lineno - node.lineno + 1


class TestFunctionSize:
    def test_no_function_is_over_sixty_lines(self):
        long = [
            f"{path}:{node.lineno} {node.name} ({length(node)} lines)"
            for path, node in functions()
            if length(node) > MAX_LINES and (path, node.name) != FLAT_LIST
        ]
        assert long == [], "split these:\n" + "\n".join(long)

    def test_the_app_factory_stays_a_flat_list_of_registrations(self):
        """Its length is allowed only because it reads top to bottom like a table."""
        path, name = FLAT_LIST
        (node,) = [n for p, n in functions() if (p, n.name) == FLAT_LIST]
        branches = [type(n).__name__ for n in ast.walk(node) if isinstance(n, BRANCHES)]
        assert branches == [], f"{path} {name} branches: {branches}"
        source = (ROOT / path).read_text(encoding="utf-8").splitlines()
        comments = [line for line in source[node.lineno : node.end_lineno] if "# " in line]
        assert len(comments) >= 5, "the order of the registrations is commented"
