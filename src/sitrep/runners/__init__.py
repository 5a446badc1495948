"""Runners only batch and schedule the same stages; they hold no extraction code."""
