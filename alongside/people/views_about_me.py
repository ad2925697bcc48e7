""" "About me and my plan": the one page a person keeps, printed or sent to them. Thin: the
visible access decorator, ``services.person_open`` (scope, 404 otherwise, the audit entry),
``queries.about_me``, render.

The page in the service's layout prints on its own (the print styles hide the menus); the
PDF is drawn from a template of its own by ``alongside.pdf``, which fetches nothing.
"""

from typing import TYPE_CHECKING

from django.http import HttpResponse
from django.shortcuts import render

from alongside.accounts.access import SignedInRequest, works_with_people
from alongside.audit.models import RecordType
from alongside.pdf import pdf_document, pdf_response
from alongside.pdf import pdf_filename as named_pdf

from . import queries, services

if TYPE_CHECKING:
    import weasyprint


def about_me_pdf_document(about: queries.AboutMe) -> "weasyprint.Document":
    """The PDF, laid out: its pages can be written (``write_pdf``) or read in tests."""
    return pdf_document("people/about_me_pdf.html", {"about": about})


def pdf_filename(about: queries.AboutMe) -> str:
    """``about-me-ann.pdf``: the name they are known by, in ASCII letters only."""
    return named_pdf("about-me", about.known_as)


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
    return pdf_response(about_me_pdf_document(about), pdf_filename(about))
