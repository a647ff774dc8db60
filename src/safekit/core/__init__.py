"""The kit's core: what every other part and every participant's kernel builds on.

It imports nothing else of the kit and only the standard library (the import contract in
``pyproject.toml`` checks both): errors, text helpers, the translation runtime, the closed
vocabularies, the indicator catalogue and its decision rule, and the course bundle's loader.
"""
