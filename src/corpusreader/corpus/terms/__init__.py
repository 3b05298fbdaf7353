"""Terms: each extractor, the term index, references and related documents."""
