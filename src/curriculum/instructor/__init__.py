"""The instructor's side: assign modules (with per-student variants), private specs, feedback
pages, LMS exports and the class report. One module per command; ``commands.py`` wires them
to click."""
