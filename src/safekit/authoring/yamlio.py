"""YAML reading that keeps line numbers, so errors can point at ``file:line``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml as yaml_c
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

from safekit.core.i18n import _


class YamlSyntaxError(ValueError):
    """Malformed YAML, with the 1-based line of the problem."""

    def __init__(self, path: Path, line: int, message: str):
        super().__init__(f"{path}:{line}: {message}")
        self.path, self.line, self.message = path, line, message


def _loader() -> YAML:
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    return yaml


_SCALARS = yaml_c.constructor.SafeConstructor()


def _build(node: yaml_c.Node, seen: dict[int, Any]) -> Any:
    """Ruamel's line-aware containers from libyaml's node tree: the same shapes ruamel's own
    round-trip loader gives (``lc`` positions, literal and folded blocks kept as such), built in a
    fraction of its time. Writing (which keeps comments) still goes through ruamel."""
    if id(node) in seen:  # an alias
        return seen[id(node)]
    if isinstance(node, yaml_c.MappingNode):
        out = CommentedMap()
        seen[id(node)] = out
        out.lc.line, out.lc.col = node.start_mark.line, node.start_mark.column
        for key_node, value_node in node.value:
            key = _build(key_node, seen)
            if key in out:
                raise yaml_c.constructor.ConstructorError(
                    "while constructing a mapping",
                    node.start_mark,
                    f'found duplicate key "{key}"',
                    key_node.start_mark,
                )
            out[key] = _build(value_node, seen)
            out.lc.add_kv_line_col(
                key,
                [
                    key_node.start_mark.line,
                    key_node.start_mark.column,
                    value_node.start_mark.line,
                    value_node.start_mark.column,
                ],
            )
        return out
    if isinstance(node, yaml_c.SequenceNode):
        seq = CommentedSeq()
        seen[id(node)] = seq
        seq.lc.line, seq.lc.col = node.start_mark.line, node.start_mark.column
        for i, item in enumerate(node.value):
            seq.append(_build(item, seen))
            seq.lc.add_kv_line_col(i, [item.start_mark.line, item.start_mark.column])
        return seq
    if node.style == "|":
        return LiteralScalarString(node.value)
    if node.style == ">":
        return FoldedScalarString(node.value)
    return _SCALARS.construct_object(node, deep=True)


def load_text(text: str, path: Path) -> Any:
    """Parse YAML text into ruamel's line-aware containers (``CommentedMap``/``CommentedSeq`` with
    ``lc`` positions), using libyaml for speed."""
    try:
        node = yaml_c.compose(text, Loader=yaml_c.CSafeLoader)
        return None if node is None else _build(node, {})
    except (MarkedYAMLError, yaml_c.MarkedYAMLError) as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        problem = (exc.problem or exc.context or "malformed YAML").strip()
        ctx = exc.context_mark
        if exc.context and ctx is not None and ctx.line + 1 != line:
            problem += f" ({exc.context.strip()} that starts on line {ctx.line + 1})"
        line, plain = _plain(exc, line)
        return _raise(path, line, f"{plain} [{problem}]" if plain else problem)
    except (YAMLError, yaml_c.YAMLError) as exc:
        return _raise(path, 1, str(exc).strip().splitlines()[0] if str(exc).strip() else "malformed YAML")
    except (ValueError, TypeError, RecursionError) as exc:  # odd scalars, deep nesting
        return _raise(path, 1, f"cannot read YAML ({type(exc).__name__})")


def _plain(exc: MarkedYAMLError, line: int) -> tuple[int, str]:
    """What to do about a YAML error, in plain words, and the line where the cause is (the parser
    often notices a problem lines after it)."""
    problem, context = (exc.problem or "").strip(), (exc.context or "").strip()
    start = exc.context_mark.line + 1 if exc.context_mark is not None else line
    if "quoted scalar" in context:
        return start, _(
            "a quotation mark opened on this line is never closed: close it at the end of the text"
        )
    if problem.startswith("mapping values are not allowed"):
        return line, _(
            "a colon followed by a space inside a text: put the whole text in quotes, or write >- after the "
            "field name and the text on the next lines"
        )
    if problem.startswith("could not find expected ':'") and "simple key" in context:
        return start, _(
            "this line is not indented like the text above it: start every line of a text at the same column"
        )
    if problem.startswith("expected <block end>") or problem.startswith("expected <block"):
        return line, _(
            "this line is indented differently from the lines around it: line each field up with its "
            "neighbours (two spaces per level)"
        )
    if "flow sequence" in context:
        return start, _(
            "a list in brackets opened on this line is not closed properly: check the commas and the ]"
        )
    if "flow mapping" in context:
        return start, _(
            "a group in braces opened on this line is not closed properly: check the commas and the }"
        )
    if "found character '\\t'" in problem or "\t" in problem:
        return line, _("a tab character: indent with spaces only")
    if problem.startswith("found duplicate key"):
        return line, _("this field appears twice in the same place: keep one")
    return line, ""


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
