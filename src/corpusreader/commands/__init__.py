"""The command-line commands, one module each, thin over the engine."""
