"""Templates: the only sub-package that imports jinja2.

A pack's templates are Jinja2, run in the sandbox (:mod:`.sandbox`, bounded by :mod:`.limits`),
with undefined names as errors. They produce the intermediate text format (Markdown, see
templates/README.md); every value printed is escaped (:mod:`.escape`). :mod:`.renderer` renders,
:mod:`.outline` and :mod:`.lint` check a pack without running it, and :mod:`.errors` words every
template mistake for both.
"""
