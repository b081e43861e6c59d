"""One file per schema revision, numbered 0001, 0002, ...; each names the one before it."""
