""" "About me and my plan": the one page a person keeps, printed or sent to them. Thin: the
visible access decorator, ``services.person_open`` (scope, 404 otherwise, the audit entry),
``queries.about_me``, render.

The page in the service's layout prints on its own (the print styles hide the menus); the
PDF is drawn by WeasyPrint on the server from a template of its own, and WeasyPrint fetches
nothing: every URL it might ask for is refused. WeasyPrint (and Debian's Pango under it) is
loaded only when a PDF is drawn, so a machine without Pango loses the PDF, not the service.
"""

from typing import TYPE_CHECKING, Any

from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.text import slugify

from alongside.accounts.access import SignedInRequest, works_with_people
from alongside.audit.models import RecordType

from . import queries, services

if TYPE_CHECKING:
    import weasyprint


def fetch_nothing() -> Any:
    """A WeasyPrint URL fetcher that refuses every URL and stops the drawing if one is asked
    for: the PDF template holds all it needs (its styles inline, no images, the machine's
    fonts), and nothing the person wrote can make the server fetch anything."""
    from weasyprint.urls import URLFetcher

    class FetchNothing(URLFetcher):
        def fetch(self, url, headers=None):
            raise ValueError(f"The page a person keeps fetches nothing: {url}")

    return FetchNothing(fail_on_errors=True)


def about_me_pdf_document(about: queries.AboutMe) -> "weasyprint.Document":
    """The PDF, laid out: its pages can be written (``write_pdf``) or read in tests."""
    import weasyprint

    html = render_to_string("people/about_me_pdf.html", {"about": about})
    return weasyprint.HTML(string=html, base_url=None, url_fetcher=fetch_nothing()).render()


def pdf_filename(about: queries.AboutMe) -> str:
    """``about-me-ann.pdf``: the name they are known by, in ASCII letters only."""
    name = slugify(about.known_as)
    return f"about-me-{name}.pdf" if name else "about-me.pdf"


@works_with_people
def about_me(request: SignedInRequest, pk: int) -> HttpResponse:
    person = services.person_open(user=request.user, person_id=pk, record_type=RecordType.ABOUT_ME)
    about = queries.about_me(user=request.user, person=person)
    return render(
        request,
        "people/about_me.html",
        {"person": person, "about": about, "filename": pdf_filename(about)},
    )


@works_with_people
def about_me_pdf(request: SignedInRequest, pk: int) -> HttpResponse:
    person = services.person_open(user=request.user, person_id=pk, record_type=RecordType.ABOUT_ME)
    about = queries.about_me(user=request.user, person=person)
    response = HttpResponse(
        about_me_pdf_document(about).write_pdf(), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="{pdf_filename(about)}"'
    response["Cache-Control"] = "no-store"
    return response
