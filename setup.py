"""Packaging beyond pyproject.toml: the top-level ``resources/`` folder (fonts with their licence,
compiled translations) goes into the wheel as the package ``outlet_desk_resources``, so an
installed app finds them through importlib.resources (outlet_desk/resources.py)."""
from setuptools import find_packages, setup

setup(
    # devtools: the reference head-office receiver the benchmark measures uploads against
    packages=find_packages(include=["outlet_desk*", "ui*", "devtools*"]) + ["outlet_desk_resources"],
    package_dir={"outlet_desk_resources": "resources"},
    package_data={"outlet_desk_resources": ["fonts/*", "i18n/*.qm", "i18n/core/*/LC_MESSAGES/*.mo",
                                           "sounds/voice/*.wav", "sounds/README.md"]},
)
