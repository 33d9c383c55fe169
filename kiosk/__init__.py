"""Qt-free core of the MPP service kiosk: settings, database, queue, jobs, complaints."""

__version__ = "0.1.0"
