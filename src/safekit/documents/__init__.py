"""Views generated from the content: docs, coverage, handouts."""
