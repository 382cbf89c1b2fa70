"""Tools for developing and testing Outlet Desk, never imported by the app (an import contract in
pyproject.toml says so): the reference head-office receiver (:mod:`devtools.hqserver`) and the
scripted run of the real app that the crash tests use (:mod:`devtools.scripted_app`).

The benchmark (``outlet-desk bench``) uses the receiver to measure uploads, so the package is
installed with the app; the counter's code does not reach it.
"""
