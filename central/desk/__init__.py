"""The agency's complaint desk: officers sign in and handle every hall's complaints."""

from fastapi import APIRouter

from central.desk import case_routes, routes

router = APIRouter()
router.include_router(routes.router)
router.include_router(case_routes.router)

__all__ = ["router"]
