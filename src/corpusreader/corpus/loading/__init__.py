"""Loading: files and folders, decoding, the cache, the pipeline to a cleaned corpus, the cached indexes."""
