"""Editing a case file in place: read it with ruamel's round-trip loader, change values, and write
it back with its comments, key order, quotes and block styles kept, so that hand editing and the
case studio can be mixed and a diff shows only what changed.

Saving never leaves a file that cannot be read back: the text goes to a temporary file beside
the case, is read back through the validator's parser (:func:`safekit.authoring.yamlio.load_file`)
and compared with what was meant, and only then replaces the case file.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

from safekit.authoring.yamlio import YamlSyntaxError, load_file, load_text, to_plain
from safekit.core.i18n import _


class SaveRefused(ValueError):
    """The text would not read back as the case meant: nothing was written."""


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096  # never re-wrap a line the author wrote
    yaml.preserve_quotes = True
    yaml.allow_duplicate_keys = False
    return yaml


def load(path: Path) -> CommentedMap:
    """The case file as an editable document (raises ``YamlSyntaxError`` with the line)."""
    text = Path(path).read_text(encoding="utf-8")
    load_text(text, Path(path))  # the validator's parser first: its errors name the line
    doc = _yaml().load(text)
    if not isinstance(doc, CommentedMap):
        raise YamlSyntaxError(Path(path), 1, _("a case file holds a mapping of fields"))
    return doc


def dump(doc: Any) -> str:
    out = io.StringIO()
    _yaml().dump(doc, out)
    return out.getvalue()


def scalar(old: Any, text: str) -> Any:
    """``text`` in the style of the value it replaces: a block (``|``, ``>``) stays a block, and
    a text of several lines becomes one."""
    multi = "\n" in text.strip()
    if isinstance(old, FoldedScalarString) and not multi:
        return FoldedScalarString(text.strip())
    if multi or isinstance(old, LiteralScalarString | FoldedScalarString):
        keep_newline = not isinstance(old, str) or str(old).endswith("\n")
        return LiteralScalarString(text.strip() + ("\n" if keep_newline else ""))
    return text.strip()


def block_seq(items: list[Any]) -> CommentedSeq:
    """A new list written in block style (one item a line), as case files are."""
    seq = CommentedSeq(items)
    seq.fa.set_block_style()
    return seq


def save(path: Path, doc: Any) -> None:
    """Write ``doc`` to ``path`` (see the module's docstring); raises :class:`SaveRefused`."""
    try:
        text = dump(doc)
    except (YAMLError, TypeError, ValueError) as exc:
        raise SaveRefused(_("cannot write this case as YAML: {msg}", msg=str(exc).splitlines()[0])) from exc
    save_text(Path(path), text, expected=to_plain(doc))


def save_text(path: Path, text: str, expected: Any = None) -> None:
    """Replace ``path`` by ``text`` only if it reads back (and, given ``expected``, reads back as
    ``expected``); otherwise leave ``path`` as it was and raise :class:`SaveRefused`."""
    tmp = path.with_name(f".{path.name}.saving")
    tmp.write_text(text, encoding="utf-8")
    try:
        try:
            back = load_file(tmp)
        except YamlSyntaxError as exc:
            raise SaveRefused(
                _(
                    "not saved: the file would not read back (line {line}: {msg})",
                    line=exc.line,
                    msg=exc.message,
                )
            ) from exc
        if expected is not None and to_plain(back) != expected:
            raise SaveRefused(_("not saved: the file would read back differently from what was written"))
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
