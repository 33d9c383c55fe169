"""The hall display board (layar antrian): calls shown large, flashed and spoken aloud."""
