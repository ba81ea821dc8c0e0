"""Property-based: whatever Markdown or web address is written, no output holds script or a remote resource.

Hypothesis writes text from the pieces attacks are made of (tags, attribute lists, link syntax,
entities, schemes, quotes, line breaks) and checks two things of each:

- the model either refuses it with a message, or accepts it; and what it accepts, rendered by the
  site's own Markdown (attribute lists included) and cleaned, holds no event handler, no script
  address and no remote resource;
- the sanitiser alone, on the rendered text whatever the model says, gives the same guarantee, so
  it holds even if the model's refusals miss something.
"""

from __future__ import annotations

import re

import markdown
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config
from pydantic import TypeAdapter, ValidationError

from plugins.content.model import Markdown, WebLink
from plugins.pages.render import attr
from plugins.safety.sanitise import clean_html

from .conftest import REPO
from .hostile import runs_or_fetches

PIECES = [
    "<", ">", "</", "<!--", "-->", "<!", "<?", "&", "&#", "&#106;", "&lt;", ";", "=", '"', "'", "`", " ", "\n", "\t", "\\",
    "{", "}", "{:", "{: ", ".x", "#id", "[", "]", "(", ")", "![", "](", "]:", "[r]", "\n[r]: ", "*", "_", "|", "-",
    "a", "img", "script", "svg", "iframe", "style", "x:y", "a.b", "é", "on", "onerror", "onload", "onfocus", "href",
    "src", "srcset", "rel", "attachment", "javascript:", "JaVaScRiPt:", "java\nscript:", "vbscript:", "data:text/html,",
    "file://", "/proc/self/environ", "http://127.0.0.1:9/", "https://ok.example/", "//evil.example/", "mailto:a@b.uk",
    "tel:+44", "alert(1)", "url(", "@import", "autofocus", "tabindex=0", "title=",
]  # fmt: skip
markdown_text = st.lists(st.sampled_from(PIECES), min_size=1, max_size=40).map("".join)


@pytest.fixture(scope="module")
def site_markdown() -> markdown.Markdown:
    """Markdown as the site's pages are converted: the extensions and settings in mkdocs.yml."""
    config = load_config(config_file=str(REPO / "mkdocs.yml"))
    return markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)


_markdown_field = TypeAdapter(Markdown)
_web_link = TypeAdapter(WebLink)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=markdown_text)
def test_markdown_the_model_accepts_renders_to_nothing_that_runs_or_fetches(text: str, site_markdown):
    try:
        _markdown_field.validate_python(text)
    except ValidationError:
        return  # refused, with a message: nothing is published
    assert runs_or_fetches(clean_html(site_markdown.reset().convert(text))) == []


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=markdown_text)
def test_the_sanitiser_alone_leaves_nothing_that_runs_or_fetches(text: str, site_markdown):
    assert runs_or_fetches(clean_html(site_markdown.reset().convert(text))) == []


addresses = st.lists(st.sampled_from(PIECES + ["https://", "http://", "x.example", "/a", "?q=", "#f", "%20", "%0a", "@"]), max_size=12)


@settings(max_examples=600, deadline=None)
@given(parts=addresses)
@example(parts=["https://", "%20"])  # a host of a space, which the sanitiser rightly does not take as an address
def test_a_web_address_the_model_accepts_is_one_safe_link(parts: list[str]):
    try:
        address = _web_link.validate_python("".join(parts))
    except ValidationError:
        return
    assert re.match(r"^https?://[^\s\"'<>`\\]+$", address), address
    # Written into a page as the templates write it, it is one attribute holding one address.
    html = f'<p><a href="{attr(address)}">x</a></p>'
    assert runs_or_fetches(clean_html(html)) == []
    assert clean_html(html) == html
