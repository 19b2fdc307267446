"""Modal screens: dialogs over the current screen (error now; forms in issue 4)."""
