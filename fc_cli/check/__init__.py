"""Checking centre files: the schema (pydantic, errors in Swedish), the fields still to fill in
(:mod:`.fill_in`) and the domain rules (:mod:`.rules`), each finding at its FILE:LINE:COL
(:mod:`.centre`)."""
