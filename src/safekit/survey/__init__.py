"""Questionnaires: a training-needs and good-practice inventory, a knowledge check taken before
and after the workshop, and a session evaluation; their forms and their analysis.

Kept import-free on purpose: the participant's kernel imports :mod:`safekit.survey.form`, which
needs neither pydantic nor pandas. The format lives in :mod:`safekit.authoring.survey`, the answers'
keys and scoring in :mod:`safekit.survey.scoring`, the analysis in :mod:`safekit.survey.report`.
"""
