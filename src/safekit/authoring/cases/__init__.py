"""Case vignettes: model, loader, validator, anonymisation lint, scaffolding."""
