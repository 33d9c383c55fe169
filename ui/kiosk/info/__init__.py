"""The information corner (pojok informasi) at the kiosk: its menu, pages and talks schedule."""
