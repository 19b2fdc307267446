"""Pure renderers: read models in, bytes out (PDF for the citizen, iCalendar,
spreadsheets). No database, no Textual: the services build what they draw."""
