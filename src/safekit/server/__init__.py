"""Serving the workshop: Voilà with preheated kernels, the join page, kernel hygiene."""
