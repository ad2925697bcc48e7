"""PDFs a person keeps (about me and my plan, their shortlist), drawn by WeasyPrint on the
server from a template of their own. WeasyPrint fetches nothing: every URL it might ask for
is refused, so nothing a person typed can make the server fetch anything. WeasyPrint (and
Debian's Pango under it) is loaded only when a PDF is drawn, so a machine without Pango
loses the PDFs, not the service."""

from typing import TYPE_CHECKING, Any

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.text import slugify

if TYPE_CHECKING:
    import weasyprint


def fetch_nothing() -> Any:
    """A WeasyPrint URL fetcher that refuses every URL and stops the drawing if one is asked
    for: the templates hold all they need (styles inline, no images, the machine's fonts)."""
    from weasyprint.urls import URLFetcher

    class FetchNothing(URLFetcher):
        def fetch(self, url, headers=None):
            raise ValueError(f"A PDF a person keeps fetches nothing: {url}")

    return FetchNothing(fail_on_errors=True)


def pdf_document(template: str, context: dict[str, Any]) -> "weasyprint.Document":
    """The PDF of ``template``, laid out: write it (``write_pdf``) or read its pages."""
    import weasyprint

    html = render_to_string(template, context)
    return weasyprint.HTML(string=html, base_url=None, url_fetcher=fetch_nothing()).render()


def pdf_filename(stem: str, name: str) -> str:
    """``about-me-ann.pdf``: a stem and the name someone is known by, in ASCII letters."""
    slug = slugify(name)
    return f"{stem}-{slug}.pdf" if slug else f"{stem}.pdf"


def pdf_response(document: "weasyprint.Document", filename: str) -> HttpResponse:
    """The PDF to download, never kept by a browser's or a proxy's cache."""
    response = HttpResponse(document.write_pdf(), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
