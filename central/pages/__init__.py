"""The public pages a slip's QR code opens (``/r/{token}``) and their JSON, for any phone."""

from central.pages.routes import router

__all__ = ["router"]
