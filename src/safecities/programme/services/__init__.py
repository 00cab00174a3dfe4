"""The programme's rules: ``timetable`` (clashes, days, photos), ``agenda`` (a
participant's picks), ``outcomes`` (rapporteurs, summaries, lessons, commitments).
"""
