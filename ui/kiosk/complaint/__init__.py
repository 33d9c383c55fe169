"""The complaint (pengaduan) wizard screens of the kiosk, rendered from kiosk.complaints."""
