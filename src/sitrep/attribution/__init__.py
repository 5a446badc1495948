"""Attribution helpers: quotation marks, cue candidates, the cue model, stance lexicons and the
rule-based actor resolution that the entities and quotes stages share."""
