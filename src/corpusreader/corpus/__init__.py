"""The engine: loading, cleaning, analysis, search and export. Never imports Textual."""
