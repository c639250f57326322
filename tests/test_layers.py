"""The layers hold: no import circles among our modules, and no import upward.

handlers/ -> bot/ -> storage/ (README, "Architecture"); the sandbox sits beside them and only
the `python -m bot` entry point reaches it, lazily, when no token is set. An import inside a
function is an edge like any other (it hides a circle, it does not remove it), and so is one
under `if TYPE_CHECKING:`: a module that needs another's types depends on it.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("bot", "handlers", "storage", "sandbox")
APP_FACTORY = "bot.app"  # the one module of bot/ that wires handlers
SANDBOX = "sandbox"  # the Bot API emulator, the web chat page, demo data: beside the bot
# The documented lazy import: `python -m bot` without a token starts the sandbox.
ENTRY_POINT = ("bot.__main__", f"{SANDBOX}.run")


@dataclass(frozen=True, slots=True)
class Edge:
    source: str
    target: str
    line: int
    top_level: bool  # False: inside a function (a lazy import)

    def __str__(self) -> str:
        where = "" if self.top_level else " (inside a function)"
        return f"{self.source} -> {self.target} (line {self.line}){where}"


def module_files(root: Path) -> dict[str, Path]:
    """Dotted module name -> file, for every module of our packages under `root`."""
    found = {}
    for package in PACKAGES:
        for path in (root / package).rglob("*.py"):
            parts = list(path.relative_to(root).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def _resolve(name: str, modules: dict[str, Path]) -> str | None:
    """The module an import of `name` loads: itself, else its nearest known parent."""
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


def _targets(node: ast.Import | ast.ImportFrom, module: str, path: Path) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:
        package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
        package = package[: len(package) - node.level + 1]
        base = ".".join([*package, base] if base else package)
    # `from bot import callbacks` imports the submodule; `from bot.i18n import Html` the package
    return [f"{base}.{alias.name}" for alias in node.names] + [base]


def _imports(tree: ast.Module) -> list[tuple[ast.Import | ast.ImportFrom, bool]]:
    """Every import statement with whether it runs at import time (not inside a function)."""
    found: list[tuple[ast.Import | ast.ImportFrom, bool]] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import | ast.ImportFrom):
                found.append((child, not in_function))
            inside = in_function or isinstance(
                child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda
            )
            visit(child, inside)

    visit(tree, False)
    return found


def import_edges(root: Path = ROOT) -> list[Edge]:
    modules = module_files(root)
    edges = []
    for module, path in modules.items():
        for node, top_level in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            names = _targets(node, module, path)
            # the most specific module each statement names (a submodule beats its package)
            targets = {_resolve(name, modules) for name in names} - {None, module}
            specific = {t for t in targets if not any(o.startswith(f"{t}.") for o in targets)}
            edges += [Edge(module, t, node.lineno, top_level) for t in sorted(specific) if t]
    return edges


def cycles(edges: list[Edge]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan), each sorted."""
    graph: dict[str, set[str]] = {}
    for edge in edges:
        graph.setdefault(edge.source, set()).add(edge.target)
        graph.setdefault(edge.target, set())
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def _layer(module: str) -> str:
    if module == SANDBOX or module.startswith(f"{SANDBOX}."):
        return "sandbox"
    return module.split(".", 1)[0]


def upward(edges: list[Edge]) -> list[Edge]:
    """Imports against the layers: storage/ up to bot/ or handlers/, bot/ up to handlers/
    (but the app factory), and our packages into the sandbox (but the lazy entry point)."""
    wrong = []
    for edge in edges:
        source, target = _layer(edge.source), _layer(edge.target)
        into_sandbox = source != "sandbox" and target == "sandbox"
        lazy_entry = (edge.source, edge.target) == ENTRY_POINT and not edge.top_level
        if (
            (source == "storage" and target in ("bot", "handlers"))
            or (source == "bot" and target == "handlers" and edge.source != APP_FACTORY)
            or (into_sandbox and not lazy_entry)
        ):
            wrong.append(edge)
    return wrong


class TestLayers:
    def test_no_import_circle_among_our_modules(self):
        found = cycles(import_edges())
        assert found == [], "import circles: " + "; ".join(" <-> ".join(c) for c in found)

    def test_no_import_goes_up_a_layer(self):
        wrong = upward(import_edges())
        assert wrong == [], "imports against the layers:\n" + "\n".join(map(str, wrong))

    def test_the_graph_holds_the_edges_we_know(self):
        """Guards the checker itself: a wiring import, a lazy one and a relative one."""
        edges = {(e.source, e.target): e for e in import_edges()}
        assert ("bot.app", "handlers.errors") in edges
        assert ("bot.runtime", "storage.db") in edges
        entry = edges[ENTRY_POINT]
        assert entry.top_level is False


class TestChecker:
    """The checker finds what it is there to find, on a small tree of its own."""

    @staticmethod
    def tree(tmp_path: Path, files: dict[str, str]) -> list[Edge]:
        for name, text in files.items():
            path = tmp_path / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        for package in (*PACKAGES, SANDBOX.replace(".", "/")):
            (tmp_path / package).mkdir(parents=True, exist_ok=True)
            (tmp_path / package / "__init__.py").touch()
        return import_edges(tmp_path)

    def test_a_circle_through_a_lazy_import_is_found(self, tmp_path):
        edges = self.tree(
            tmp_path,
            {
                "bot/a.py": "from bot import b\n",
                "bot/b.py": "def f():\n    from .a import g\n",
            },
        )
        assert cycles(edges) == [["bot.a", "bot.b"]]

    def test_storage_importing_bot_is_upward(self, tmp_path):
        edges = self.tree(tmp_path, {"storage/x.py": "from bot.clock import Clock\n"})
        assert [str(e) for e in upward(edges)] == ["storage.x -> bot (line 1)"]

    def test_only_the_entry_points_lazy_import_reaches_the_sandbox(self, tmp_path):
        edges = self.tree(
            tmp_path,
            {
                "bot/__main__.py": f"def main():\n    from {SANDBOX}.run import go\n",
                "bot/other.py": f"from {SANDBOX}.run import go\n",
                f"{SANDBOX.replace('.', '/')}/run.py": "from bot.runtime import X\n",
            },
        )
        assert [e.source for e in upward(edges)] == ["bot.other"]
