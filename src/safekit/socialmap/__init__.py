"""The social map: a directory of organisations that support victims of trafficking, so that a
professional in one country can find a partner in another (docs/socialmap.md).

- :mod:`~safekit.core.socialmap_vocab`: the closed vocabularies and country names, plain data;
- :mod:`~safekit.authoring.socialmap.model`: the schema of one organisation, with those vocabularies;
- :mod:`~safekit.authoring.socialmap.store`: CSV in and out, and which directory is in use;
- :mod:`~safekit.socialmap.merge`: importing a partner's list without losing anything;
- :mod:`~safekit.socialmap.directory`: plain records for widgets and the participant's kernel;
- :mod:`~safekit.socialmap.cards` and :mod:`~safekit.socialmap.svgmap`: what the pages show;
- :mod:`~safekit.socialmap.commands`: what ``safekit socialmap list|import|export`` do;
- :mod:`~safekit.server.socialmap`: the explorer served with Voilà on this computer;
- :mod:`~safekit.documents.socialmap_format`: the field reference in the docs, from the model.

Submodules are imported where they are used, so a participant's kernel loads only what the
referral exercise needs.
"""
