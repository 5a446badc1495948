"""Pure pipeline stages: each takes an :class:`Analysis` and returns it enriched."""
