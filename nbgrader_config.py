# nbgrader for this course: safekit writes the source notebooks to solutions/ and releases them
# to exercises/ (`safekit build`); participants' answers live in answers.json beside the
# notebook, which grading must never overwrite with a file from solutions/.
c = get_config()  # noqa: F821
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "exercises"
c.Autograde.exclude_overwriting = {"early-identification-check": ["answers.json"]}
c.Execute.timeout = 60
