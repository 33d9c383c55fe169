"""Tests of the printing package: slip rendering and printer back-ends."""
