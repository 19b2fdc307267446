"""The Textual interface. Talks only to ``enplan.services``."""
