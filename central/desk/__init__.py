"""The agency's complaint desk: officers sign in and handle every hall's complaints."""

from central.desk.routes import router

__all__ = ["router"]
