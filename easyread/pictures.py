"""The pictures that Easy Read points use, found in the project's pictures/ folder.

Each folder under pictures/ is one picture set with its own licence, so a council can drop in a set
it has bought (Photosymbols, say) beside the free one that ships with the project:

    pictures/<set>/set.yml      name, licence, credit line and where the pictures came from
    pictures/<set>/LICENSE      the licence text, copied to the site beside the pictures
    pictures/<set>/<name>.svg   the pictures (.svg or .png), named as the content names them

Content names a picture by its file name without the extension (`school`), or as `set/name` when
two sets hold a picture of the same name.

This module says what a picture is; plugins/content/pictures.py reads the folder, checks every file
and gives the bytes that are published.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

PICTURES_DIR = "pictures"
PICTURE_SUFFIXES = (".svg", ".png")


@dataclass(frozen=True)
class PictureSet:
    id: str
    name: str
    licence: str
    credit: str
    source: str
    folder: Path

    @property
    def licence_file(self) -> Path:
        return self.folder / "LICENSE"

    @property
    def site_licence(self) -> str:
        """Where the licence is published, beside the pictures."""
        return f"assets/pictures/{self.id}/LICENSE.txt"


@dataclass(frozen=True)
class Picture:
    set: PictureSet
    name: str
    path: Path

    @property
    def id(self) -> str:
        return f"{self.set.id}/{self.name}"

    @property
    def site_path(self) -> str:
        """Where the picture is published, under the site's root."""
        return f"assets/pictures/{self.set.id}/{self.path.name}"


@dataclass
class PictureLibrary:
    sets: list[PictureSet] = field(default_factory=list)
    pictures: dict[str, list[Picture]] = field(default_factory=dict)

    def find(self, picture_id: str) -> list[Picture]:
        """Every picture the id could mean: none if unknown, several if the name is in more than one set."""
        if "/" in picture_id:
            set_id, name = picture_id.split("/", 1)
            return [p for p in self.pictures.get(name, []) if p.set.id == set_id]
        return list(self.pictures.get(picture_id, []))

    def names(self) -> list[str]:
        return sorted(self.pictures)


def extract_iconify(icons_json: Path, names: list[str], out_dir: Path) -> list[Path]:
    """Write the named pictures of an Iconify JSON set (as the npm registry ships them) as SVG files.

    This is how the project's own set was made: `npm pack @iconify-json/fluent-emoji-flat`, then
    this function with the names the content needs, so only the pictures in use are committed.
    """
    data = json.loads(icons_json.read_text(encoding="utf-8"))
    written = []
    for name in names:
        # Some names are aliases of another picture in the set.
        parent = data.get("aliases", {}).get(name, {}).get("parent", name)
        icon = data["icons"].get(parent)
        if icon is None:
            raise KeyError(name)
        width = icon.get("width", data.get("width", 16))
        height = icon.get("height", data.get("height", 16))
        svg = (
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}">'
            f"{icon['body']}</svg>\n"
        )
        path = out_dir / f"{name}.svg"
        path.write_text(svg, encoding="utf-8")
        written.append(path)
    return written
