"""Editing: the editors, the undo commands that write through the store, and the controller
that owns the undo stack (``controller.EditController``)."""
