"""Fonts (with their licence) and compiled translations; installed as the package
``outlet_desk_resources`` (setup.py) so an installed app finds them (outlet_desk/resources.py)."""
