"""tools/screenshots."""
