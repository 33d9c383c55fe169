"""Jobs info (informasi peluang kerja luar negeri): the feed, its import, search and P3MI checks."""
