"""REST API of sources, the mentions found in them and the statements they report."""
