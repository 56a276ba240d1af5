"""The year at a glance: a pack's annual wheel on real dates, the deadlines that follow from a
centre's data, `fc calendar` (iCalendar) and `fc status` (the county view).

Kept light: :mod:`fc_cli.packs` imports :mod:`fc_cli.year.wheel` for the pack model.
"""
