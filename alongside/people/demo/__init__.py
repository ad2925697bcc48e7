"""Deterministic demo data: the stories (``stories``) and the builder (``builder``)."""
