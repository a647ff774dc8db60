"""YAML reading that keeps line numbers, so errors can point at ``file:line``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError


class YamlSyntaxError(ValueError):
    """Malformed YAML, with the 1-based line of the problem."""

    def __init__(self, path: Path, line: int, message: str):
        super().__init__(f"{path}:{line}: {message}")
        self.path, self.line, self.message = path, line, message


def _loader() -> YAML:
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    return yaml


def load_text(text: str, path: Path) -> Any:
    """Parse YAML text into ruamel's line-aware containers."""
    try:
        return _loader().load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        problem = (exc.problem or exc.context or "malformed YAML").strip()
        ctx = exc.context_mark
        if exc.context and ctx is not None and ctx.line + 1 != line:
            problem += f" ({exc.context.strip()} that starts on line {ctx.line + 1})"
        return _raise(path, line, problem)
    except YAMLError as exc:
        return _raise(path, 1, str(exc).strip().splitlines()[0] if str(exc).strip() else "malformed YAML")
    except (ValueError, TypeError, RecursionError) as exc:  # odd scalars, deep nesting
        return _raise(path, 1, f"cannot read YAML ({type(exc).__name__})")


def _raise(path: Path, line: int, message: str):
    raise YamlSyntaxError(path, line, message)


def load_file(path: Path) -> Any:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise YamlSyntaxError(path, 1, "file is not UTF-8 text") from exc
    return load_text(text, Path(path))


def load_data(path: Path) -> Any:
    """Plain Python data (dicts, lists) from a trusted packaged YAML file."""
    return to_plain(load_file(path))


def to_plain(node: Any) -> Any:
    if isinstance(node, dict):
        return {str(k) if not isinstance(k, str) else k: to_plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [to_plain(v) for v in node]
    if hasattr(node, "__str__") and type(node).__module__.startswith("ruamel"):
        if isinstance(node, str):
            return str(node)
        if isinstance(node, bool):
            return bool(node)
        if isinstance(node, int):
            return int(node)
        if isinstance(node, float):
            return float(node)
    return node


def line_of(root: Any, loc: tuple[Any, ...]) -> int:
    """Best 1-based line for the element at ``loc`` (a pydantic error location).

    Walks as deep as the document goes; a missing key points at its parent.
    """
    node, line = root, 1
    for part in loc:
        if isinstance(node, CommentedMap) and part in node:
            line = node.lc.key(part)[0] + 1
            node = node[part]
        elif isinstance(node, CommentedSeq) and isinstance(part, int) and 0 <= part < len(node):
            pos = node.lc.item(part)
            line = pos[0] + 1
            node = node[part]
        else:
            break
    return line
