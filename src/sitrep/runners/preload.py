"""Imported by the forkserver of a local worker pool (:mod:`sitrep.runners.local`) before it
forks the first worker: what every worker would otherwise import and load on its own, done
once.

- the forkserver dies with the process that started it (``PR_SET_PDEATHSIG``), and each
  worker with the forkserver, so a killed ``sitrep`` leaves no process behind;
- spaCy, the pipeline and its stages are imported;
- the spaCy model named by ``SITREP_PRELOAD_MODEL`` is loaded (``load_nlp``, cached: a worker
  building its pipeline gets this one, copied on write). It has analysed nothing, so each
  worker starts as a spawned one would. Resources that hold files or connections (the
  gazetteer's database) are opened by each worker after the fork;
- the heap is then settled (``settle_heap``, :func:`gc.freeze`): the workers' garbage
  collections leave what they inherit alone, instead of walking it and so copying the memory
  pages they share with the forkserver.

Imported anywhere else (the variable unset), it does nothing. Nothing here may raise: the
forkserver stops on any error but an ImportError. A model that does not load is reported by
the worker that loads it again.
"""

from __future__ import annotations

import contextlib
import os

from sitrep.runners.local import PRELOAD_MODEL, die_with_parent, settle_heap


def warm(model: str) -> None:
    """Import what a worker imports and load ``model``; never raises."""
    with contextlib.suppress(Exception):
        import spacy  # noqa: F401

        import sitrep.gazetteer
        import sitrep.pipeline
        import sitrep.stages.entities
        import sitrep.stages.events
        import sitrep.stages.extract
        import sitrep.stages.language
        import sitrep.stages.places
        import sitrep.stages.quotes
        import sitrep.stages.times  # noqa: F401
        from sitrep.stages.nlp import load_nlp

        load_nlp(model)


if os.environ.get(PRELOAD_MODEL):  # in the forkserver (the variable is set for it alone)
    die_with_parent(os.getppid())
    warm(os.environ[PRELOAD_MODEL])
    settle_heap()
