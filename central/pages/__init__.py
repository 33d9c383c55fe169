"""The public pages a slip's QR code opens (``/r/{token}``) and their JSON, for any phone,
and the survey a served ticket's page offers (``/survey/{token}``)."""

from central.pages.routes import router
from central.pages.survey_routes import router as survey_router

__all__ = ["router", "survey_router"]
