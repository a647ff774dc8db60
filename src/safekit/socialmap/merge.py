"""Merge a partner's list into the directory without losing anything.

An incoming row matches an organisation by id, else by name and country. Field by field:
equal values change nothing; a value the directory does not know yet (empty) is filled in; a
value the incoming row leaves empty keeps the directory's; two different known values are a
*conflict*. Conflicts are reported field by field and keep the directory's value unless the
user explicitly prefers the incoming one (``prefer="theirs"``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from safekit.authoring.socialmap.model import COLUMNS, Organisation
from safekit.core.i18n import _


@dataclass(frozen=True)
class Conflict:
    id: str
    field: str
    ours: str
    theirs: str
    line: int | None = None


@dataclass
class MergeResult:
    merged: list[Organisation]
    added: list[str] = field(default_factory=list)
    updated: dict[str, list[str]] = field(default_factory=dict)  # id -> fields filled in or taken
    unchanged: list[str] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    prefer: str | None = None

    @property
    def open_conflicts(self) -> list[Conflict]:
        """Conflicts left as they were (no preference given)."""
        return [] if self.prefer else self.conflicts

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated)


def _key(org: Organisation) -> tuple[str, str]:
    return " ".join(org.name.casefold().split()), org.country


def merge(
    ours: list[Organisation],
    theirs: list[Organisation],
    prefer: str | None = None,
    lines: dict[str, int] | None = None,
) -> MergeResult:
    """Merge ``theirs`` into ``ours``; ``prefer`` is None, ``"ours"`` or ``"theirs"``."""
    if prefer not in (None, "ours", "theirs"):
        raise ValueError(prefer)
    lines = lines or {}
    by_id = {o.id: o for o in ours}
    by_key = {_key(o): o.id for o in ours}
    result = MergeResult(merged=[], prefer=prefer)
    for incoming in theirs:
        target = incoming.id if incoming.id in by_id else by_key.get(_key(incoming))
        if target is None:
            by_id[incoming.id] = incoming
            by_key[_key(incoming)] = incoming.id
            result.added.append(incoming.id)
            continue
        current = by_id[target].row()
        new = incoming.row()
        row, changed = dict(current), []
        for column in COLUMNS:
            if column == "id" or new[column] == current[column] or not new[column]:
                continue
            if column == "name" and _key(incoming) == _key(by_id[target]):  # case or spacing only
                continue
            if not current[column]:
                row[column] = new[column]
                changed.append(column)
                continue
            result.conflicts.append(
                Conflict(target, column, current[column], new[column], lines.get(incoming.id))
            )
            if prefer == "theirs":
                row[column] = new[column]
                changed.append(column)
        if changed:
            by_id[target] = Organisation.model_validate(row)
            result.updated[target] = changed
        elif not any(c.id == target for c in result.conflicts):
            result.unchanged.append(target)
    result.merged = list(by_id.values())
    return result


def _shown(value: str) -> str:
    return f"'{value}'" if value else _("(not known)")


def report(result: MergeResult, path: Path) -> list[str]:
    """The merge as lines a person can read: a summary, then every change and conflict."""
    out = [
        _(
            "{added} added, {updated} updated, {unchanged} unchanged, {conflicts} conflicting field(s)",
            added=len(result.added),
            updated=len(result.updated),
            unchanged=len(result.unchanged),
            conflicts=len(result.conflicts),
        )
    ]
    out += [_("added: {id}", id=i) for i in result.added]
    out += [_("updated: {id}: {fields}", id=i, fields=", ".join(f)) for i, f in result.updated.items()]
    for c in result.conflicts:
        where = f"{path}:{c.line}" if c.line else str(path)
        out.append(
            _(
                "{where}: conflict: {id}: {field}: directory has {ours}, file has {theirs}",
                where=where,
                id=c.id,
                field=c.field,
                ours=_shown(c.ours),
                theirs=_shown(c.theirs),
            )
        )
    if result.conflicts and result.prefer == "theirs":
        out.append(_("Conflicts resolved with the file's values (--prefer theirs)."))
    elif result.conflicts and result.prefer == "ours":
        out.append(_("Conflicts resolved with the directory's values (--prefer ours)."))
    elif result.conflicts:
        out.append(
            _(
                "Conflicting fields were not changed. Check them, then run the import again with "
                "--prefer theirs (take the file's values) or --prefer ours (keep the directory's)."
            )
        )
    return out
