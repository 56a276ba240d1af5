"""`fc diff`: what changes in a document when a centre's data (or its pack) is revised (issue 17).

sources.py finds OLD and NEW (files, or git revisions `REV:path`), fc.py is the one place that
uses the rest of fc (load and check a centre, render a document to .docx), summary.py says in
Swedish what changed in the data, compare.py aligns the two rendered documents and tracked.py
writes the result as Word revision marks; diff.py ties them together for the command line.
"""
