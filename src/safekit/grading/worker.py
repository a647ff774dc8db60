"""One grading worker: autogrades a list of submissions in one process, against its own copy
of the gradebook, and reports each one on standard output as a JSON line.

Stock ``nbgrader autograde`` pays Jupyter's start-up for every call and grades one submission
after the other. Here each worker starts once and several workers grade side by side; each
writes only its own gradebook copy, which ``safekit.grading.grade`` merges into the course's
gradebook afterwards, so no two processes ever write the same SQLite file.

usage: python -m safekit.grading.worker COURSE_DIR ASSIGNMENT GRADEBOOK STUDENT...
"""

from __future__ import annotations

import json
import logging
import sys
import time
from pathlib import Path

from nbgrader.converters import Autograde
from nbgrader.coursedir import CourseDirectory
from traitlets.config.loader import PyFileConfigLoader

# jsonschema's optional URI-format check compiles a grammar on import (over a second per
# process); notebook validation does not use it.
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]


def main(argv: list[str]) -> int:
    course, assignment, gradebook, *students = argv
    config = PyFileConfigLoader("nbgrader_config.py", path=course).load_config()
    config.CourseDirectory.root = str(Path(course).resolve())
    config.CourseDirectory.db_url = f"sqlite:///{Path(gradebook).resolve()}"
    config.Execute.interrupt_on_timeout = True
    config.Execute.shutdown_kernel = "immediate"  # the kernel's state is thrown away anyway
    coursedir = CourseDirectory(config=config)
    for student in students:
        started = time.perf_counter()
        coursedir.assignment_id, coursedir.student_id = assignment, student
        app = Autograde(coursedir=coursedir, config=config)
        app.force, app.create_student = True, True
        app.log.setLevel(logging.ERROR)
        try:
            app.start()
            ok, error = True, ""
        except Exception as exc:  # reported per submission; the others are still graded
            ok, error = False, f"{type(exc).__name__}: {exc}"
        line = {"student": student, "ok": ok, "error": error, "seconds": time.perf_counter() - started}
        print(json.dumps(line), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
