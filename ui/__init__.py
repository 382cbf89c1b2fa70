"""The Qt layer of Outlet Desk.  Imports :mod:`outlet_desk`; never the reverse."""
