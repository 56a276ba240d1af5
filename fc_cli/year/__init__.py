"""The year at a glance: a pack's annual wheel on real dates, the deadlines that follow from a
centre's data, `fc calendar` (iCalendar) and `fc status` (the county view).

The wheel's format itself (what `annual_wheel:` in pack.yaml says) is :mod:`fc_cli.wheel`, part of
the pack model; this package puts it and the centre's deadlines on dates.
"""
