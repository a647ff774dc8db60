"""The notebook a workshop serves: the course's own, else the same one-cell notebook, so that a
course (and a kit installed from its wheel) needs no notebooks/ folder."""

from __future__ import annotations

import nbformat

from safekit.server.workshop import WorkshopOptions, app_notebook


def test_the_course_notebook_is_used_when_there_is_one(root, tmp_path):
    options = WorkshopOptions(project=root, data_dir=tmp_path)
    assert app_notebook(options, tmp_path / "runtime") == root / "notebooks" / "participant.ipynb"
    assert not (tmp_path / "runtime").exists()


def test_without_notebooks_the_same_one_cell_notebooks_are_written(root, tmp_path):
    for name in ("participant.ipynb", "early-identification.ipynb", "safe-future.ipynb"):
        options = WorkshopOptions(project=tmp_path / "course", data_dir=tmp_path, notebook=name)
        path = app_notebook(options, tmp_path / "runtime")
        assert path == tmp_path / "runtime" / "notebooks" / name
        made = nbformat.read(path, as_version=4)
        shipped = nbformat.read(root / "notebooks" / name, as_version=4)
        assert [c.source for c in made.cells] == [c.source for c in shipped.cells]
        assert made.metadata.kernelspec == shipped.metadata.kernelspec
