"""Pure rules and value types. Imports neither the database layer nor Textual."""
