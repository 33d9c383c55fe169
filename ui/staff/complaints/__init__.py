"""ui/staff/complaints."""
