"""Wheels carry the lesson and exercise notebooks as package data, in ``curriculum/content/``,
so that ``curriculum start`` works from an installed wheel as it does from a clone."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

CONTENT = ("notebooks", "exercises")


class BuildWithNotebooks(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads the checkout itself
        for folder in CONTENT:
            target = Path(self.build_lib) / "curriculum" / "content" / folder
            target.mkdir(parents=True, exist_ok=True)
            for notebook in sorted(Path(folder).glob("*.ipynb")):
                shutil.copyfile(notebook, target / notebook.name)


setup(cmdclass={"build_py": BuildWithNotebooks})
