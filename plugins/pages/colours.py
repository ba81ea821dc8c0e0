"""The council's colours, as the stylesheet every page of the site loads after the theme's own."""

from __future__ import annotations

import re

# Where the stylesheet is published, under the site's root.
COLOURS_CSS = "assets/stylesheets/council-colours.css"

_COLOUR = re.compile(r"^(#[0-9a-fA-F]{3,8}|[a-z]+|rgb\([0-9, ]+\))$")


class BadColour(ValueError):
    """A colour setting that is not a plain CSS colour; the message names the setting."""


def colours_css(primary_colour: str, accent_colour: str) -> str:
    # Only plain colours: the value is written into a stylesheet, where anything else could close the
    # rule and add its own.
    for name, value in (("primary_colour", primary_colour), ("accent_colour", accent_colour)):
        if not _COLOUR.match(value):
            raise BadColour(f"{name} must be a CSS colour such as #1d4f91, not '{value}'.")
    return (
        ":root, [data-md-color-scheme=default] {\n"
        f"  --md-primary-fg-color: {primary_colour};\n"
        f"  --md-primary-fg-color--dark: {primary_colour};\n"
        f"  --md-accent-fg-color: {accent_colour};\n"
        f"  --md-typeset-a-color: {primary_colour};\n"
        "}\n"
    )
