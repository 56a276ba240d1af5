"""Domain rules: what makes a centre file valid beyond its types.

Each rule is a function of the model (and the pack's rules) that yields :class:`Issue`s with a
stable code (registered, with its severity, in :mod:`fc_cli.codes`) and a message that says what
is wrong and what to do.
Positions are added by the validator. A rule never reports a value that is still empty: that is
the job of :func:`fc_cli.check.fill_in.not_filled` (code ``not-filled``), so a fresh
`fc new-centre` file only gets `not-filled` findings.

The rules live by subject in :mod:`.parties`, :mod:`.dates` and :mod:`.terms`, and run in that
order (each in the order it is written), registered with ``@rule`` (:mod:`.base`). What the
centre's pack leaves for the region to fill in is :func:`pack_issues` (it needs the whole pack
configuration, so it is no rule), called by :func:`fc_cli.check.centre.check_centre` after them.
"""

from __future__ import annotations

from ...diagnostics import Issue
from ...model import CentreFile
from ...packs import PackRules
from . import base, dates, parties, terms
from .parties import luhn_ok
from .terms import pack_issues

#: The subjects, in the order their rules run (importing a subject registers its rules).
_SUBJECTS = (parties.__name__, dates.__name__, terms.__name__)
#: Every rule, in the order they run: by subject, each subject's rules in the order they are written.
RULES = sorted(base.RULES, key=lambda check: _SUBJECTS.index(check.__module__))

__all__ = ["RULES", "luhn_ok", "pack_issues", "run_rules"]


def run_rules(model: CentreFile, pack_rules: PackRules) -> list[Issue]:
    issues: list[Issue] = []
    for check in RULES:
        issues.extend(check(model, pack_rules))
    return issues
