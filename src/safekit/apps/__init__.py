"""One ``build()`` per Voilà app; the app notebook only calls it."""
