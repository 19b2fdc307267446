"""Laptop sync with the team server (issue 11): see laptop.py for the flow,
apply.py for the server's rules, setup.py for a new laptop, conflicts.py
and quarantine.py for what a person decides."""
