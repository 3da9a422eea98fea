"""The briefing deck: the slide view models (:mod:`dashboard.viewmodel.briefing_slides`) rendered as
one self-contained HTML document for a meeting-room screen (inline SVG, no external resource)."""
