"""Why a build, serve or export stopped, in words for the person who ran it."""

from __future__ import annotations


class BuildFailed(Exception):
    """The build stopped; the message says why, in words for the person who ran it.

    `published` says whether the new site had already replaced the old one when it stopped.
    """

    def __init__(self, message: str, *, published: bool = False) -> None:
        super().__init__(message)
        self.published = published


class Refused(BuildFailed):
    """Refused before anything was written: the folder, the day or mkdocs.yml cannot be used."""
