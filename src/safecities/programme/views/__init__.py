"""Pages of the programme: ``timetable`` (public programme pages and files), ``agenda``
(a participant's own agenda behind their private link), ``outcomes`` (the public outcomes
and the rapporteurs' pages).
"""
