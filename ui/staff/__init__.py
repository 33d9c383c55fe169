"""The front-desk staff console (konsol petugas): sign in, pick a counter, call and serve."""
