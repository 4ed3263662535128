"""One builder per part of the report; each returns a :class:`~dxtrack.reports.model.Section`.

They run in reading order (I, II, III, IV, annexes) on one shared :class:`~dxtrack.reports.facts.ReportFacts`,
so sources are numbered in order of first citation.
"""
