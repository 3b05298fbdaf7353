"""Search: the vocabulary, ranking and the typo-tolerant index."""
