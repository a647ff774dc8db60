"""What a participant's kernel needs, compiled once by the server into one JSON bundle.

The kernel then imports only ipywidgets, json and sqlite3: no pydantic, YAML or Babel, so a
participant kernel stays small and starts fast.
"""
