"""Event typing helpers: ontology, trigger lexicon, parse-based extraction, classifiers."""
