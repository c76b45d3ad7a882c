"""Maps the top-level folders onto the single import package ``samovar``.

``core/`` installs as ``samovar.core``, ``adapters/discord/`` as
``samovar.adapters.discord`` and so on; ``samovar`` itself stays a namespace
package. Everything else lives in ``pyproject.toml``.
"""
from setuptools import find_packages, setup

TOP_LEVEL = ("core", "adapters", "plugins", "config")

packages = []
package_dir = {}
for top in TOP_LEVEL:
    for name in [top, *find_packages(include=[f"{top}.*"])]:
        packages.append(f"samovar.{name}")
        package_dir[f"samovar.{name}"] = name.replace(".", "/")

setup(packages=packages, package_dir=package_dir)
