"""The social map: a directory of organisations that support victims of trafficking, so that a
professional in one country can find a partner in another (docs/socialmap.md).

- :mod:`~safekit.authoring.socialmap.model`: the schema of one organisation and its vocabularies;
- :mod:`~safekit.authoring.socialmap.store`: CSV in and out, and which directory is in use;
- :mod:`~safekit.socialmap.merge`: importing a partner's list without losing anything;
- :mod:`~safekit.socialmap.directory`: plain records for widgets and the participant's kernel;
- :mod:`~safekit.socialmap.cards` and :mod:`~safekit.socialmap.svgmap`: what the pages show.

Submodules are imported where they are used, so a participant's kernel loads only what the
referral exercise needs.
"""
