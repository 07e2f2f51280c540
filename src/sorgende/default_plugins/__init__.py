"""Built-in behaviour, registered as plugins through the same hooks external plugins use."""
