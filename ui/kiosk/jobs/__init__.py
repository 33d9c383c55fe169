"""Jobs info screens (informasi peluang kerja luar negeri): countries, list, detail, Cek P3MI."""
