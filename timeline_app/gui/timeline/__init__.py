"""The timeline view: one renderer (for the screen and for printing) and the widget."""
