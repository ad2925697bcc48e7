""" "About me and my plan": the page a person keeps, on screen and as a PDF."""

from datetime import date

import pytest
import weasyprint
from django.urls import reverse
from django.utils import timezone
from weasyprint.formatting_structure import boxes
from weasyprint.urls import FatalURLFetchingError

from alongside.audit.models import Action, AuditEntry, RecordType
from alongside.pdf import fetch_nothing
from alongside.people import queries, services
from alongside.people.models import GiftKind, GiftTerm, StepStatus
from alongside.people.views_about_me import about_me_pdf_document, pdf_filename
from tests.conftest import client_for


def page_url(person) -> str:
    return reverse("people:about_me", args=[person.pk])


def pdf_url(person) -> str:
    return reverse("people:about_me_pdf", args=[person.pk])


def pdf_text(document: weasyprint.Document) -> str:
    """The text WeasyPrint laid out on the PDF's pages (margins included), in order."""
    return " ".join(
        box.text
        for page in document.pages
        for box in page._page_box.descendants()
        if isinstance(box, boxes.TextBox)
    )


@pytest.fixture
def ann(person, owner):
    """Ann, with her words written down, gifts (one of her son's), and steps in every state."""
    services.person_change(
        user=owner,
        person=person,
        changes={
            "what_matters": "My garden, and seeing my grandchildren on Sundays.",
            "vision": "Growing vegetables with other people and sharing them.",
            "coordinator": owner,
        },
        expected_version=person.version,
    )
    person.refresh_from_db()
    who = {"user": owner, "person": person}
    cooking, _ = GiftTerm.objects.get_or_create(name="Cooking", kind=GiftKind.SKILL)
    services.gift_add(**who, description="Grows tomatoes")
    services.gift_add(**who, term=cooking, description="Makes soup for the street")
    bill = services.family_member_add(**who, name="Bill Example", relationship="son")
    services.gift_add(**who, description="Fixes bikes", family_member=bill)
    removed_gift = services.gift_add(**who, description="A removed gift")
    services.gift_remove(user=owner, gift=removed_gift, expected_version=removed_gift.version)
    services.plan_step_add(
        **who, what="Visit the allotment society", who="Ann and Owner", by_when=date(2030, 5, 1)
    )
    services.plan_step_add(**who, what="Ask about the lunch club", who="Ann")
    done = services.plan_step_add(**who, what="A finished step", who="Ann")
    services.plan_step_change(
        user=owner, plan_step=done, changes={"status": StepStatus.DONE}, expected_version=1
    )
    gone = services.plan_step_add(**who, what="A removed step", who="Ann")
    services.plan_step_remove(user=owner, plan_step=gone, expected_version=gone.version)
    return person


# The page in the service's layout -----------------------------------------------------------


def test_the_page_shows_her_words_gifts_and_open_steps(ann, owner_client):
    response = owner_client.get(page_url(ann))

    assert response.status_code == 200
    page = response.content.decode()
    for heading in [
        "About me and my plan",
        "What matters to me",
        "My vision of a good life",
        "My gifts and strengths",
        "What happens next",
    ]:
        assert heading in page
    assert "My garden, and seeing my grandchildren on Sundays." in page
    assert "Growing vegetables with other people and sharing them." in page
    assert "Grows tomatoes" in page
    assert "<strong>Cooking</strong>: Makes soup for the street" in page
    assert "My family’s gifts" in page
    assert "Fixes bikes" in page and "(Bill Example, son)" in page
    assert "Visit the allotment society" in page
    assert "1 May 2030" in page
    assert "Ask about the lunch club" in page
    assert page.index("Visit the allotment society") < page.index("Ask about the lunch club")


def test_the_page_leaves_out_finished_and_removed_steps_and_removed_gifts(ann, owner_client):
    page = owner_client.get(page_url(ann)).content.decode()

    assert "A finished step" not in page
    assert "A removed step" not in page
    assert "A removed gift" not in page


def test_the_page_says_who_the_coordinator_is_and_how_to_reach_them_at_work(ann, owner_client):
    page = owner_client.get(page_url(ann)).content.decode()

    assert "My coordinator is <strong>Owner</strong>, in Hillside." in page
    assert 'href="mailto:owner@example.org"' in page
    assert "07700 900123" not in page  # Ann's own phone number is not on her page
    assert f"Printed on {timezone.localdate():%-d %B %Y}" in page


def test_the_page_links_to_the_pdf_and_says_how_to_print(ann, owner_client):
    page = owner_client.get(page_url(ann)).content.decode()

    assert f'href="{pdf_url(ann)}"' in page
    assert "Download as PDF" in page
    assert "Ctrl and P" in page


def test_an_empty_page_says_so_kindly(person, owner_client):
    page = owner_client.get(page_url(person)).content.decode()

    assert page.count("We have not written this down together yet.") == 3
    assert "We have not agreed the next steps together yet." in page
    assert "We have not named my Local Area Coordinator in Hillside yet." in page


def test_a_coordinator_who_has_left_is_not_shown_as_the_way_to_reach_her(ann, owner, colleague):
    owner.is_active = False
    owner.save()

    page = client_for(colleague).get(page_url(ann)).content.decode()

    assert "owner@example.org" not in page
    assert "We have not named my Local Area Coordinator in Hillside yet." in page


def test_the_summary_links_to_the_page(person, owner_client):
    page = owner_client.get(reverse("people:summary", args=[person.pk])).content.decode()

    assert f'href="{page_url(person)}"' in page
    assert "About me and my plan (to print or send)" in page


def test_the_page_has_no_inline_styles_or_scripts(ann, owner_client):
    page = owner_client.get(page_url(ann)).content.decode()

    assert "<style" not in page
    assert "style=" not in page
    assert page.count("<script") == page.count("<script src=") + page.count("nonce=")


# The PDF ----------------------------------------------------------------------------------


def test_the_pdf_is_a_pdf_to_download_and_not_kept_in_a_cache(ann, owner_client):
    response = owner_client.get(pdf_url(ann))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="about-me-ann.pdf"'
    assert "no-store" in response["Cache-Control"]
    assert response.content.startswith(b"%PDF-")
    assert len(response.content) > 1000


def test_the_pdf_holds_her_words_gifts_and_open_steps_only(ann, owner):
    document = about_me_pdf_document(queries.about_me(user=owner, person=ann))
    text = pdf_text(document)

    assert len(document.pages) == 1
    for words in [
        "About me and my plan",
        "What matters to me",
        "My garden, and seeing my grandchildren on Sundays.",
        "My vision of a good life",
        "Growing vegetables with other people and sharing them.",
        "Grows tomatoes",
        "Makes soup for the street",
        "Fixes bikes",
        "What happens next",
        "Visit the allotment society",
        "1 May 2030",
        "owner@example.org",
        f"Printed on {timezone.localdate():%-d %B %Y}",
        "Page 1 of 1",
    ]:
        assert words in text, words
    for words in ["A finished step", "A removed step", "A removed gift"]:
        assert words not in text
    assert document.metadata.title == "About me and my plan – Ann Example"


def test_an_empty_pdf_says_so_kindly(person, owner):
    text = pdf_text(about_me_pdf_document(queries.about_me(user=owner, person=person)))

    assert text.count("We have not written this down together yet.") == 3
    assert "We have not agreed the next steps together yet." in text


def test_the_pdf_takes_the_person_words_as_words_not_markup(person, owner):
    services.person_change(
        user=owner,
        person=person,
        changes={"what_matters": 'Tea & cake <img src="http://example.com/x.png"> "always"'},
        expected_version=person.version,
    )
    person.refresh_from_db()

    text = pdf_text(about_me_pdf_document(queries.about_me(user=owner, person=person)))

    assert 'Tea & cake <img src="http://example.com/x.png"> "always"' in text


def test_weasyprint_is_never_let_fetch_a_url():
    html = '<p>Hello</p><img src="http://example.com/tracker.png">'
    with pytest.raises(FatalURLFetchingError):
        weasyprint.HTML(string=html, base_url=None, url_fetcher=fetch_nothing()).render()


@pytest.mark.parametrize(
    ("full_name", "preferred_name", "filename"),
    [
        ("Ann Example", "", "about-me-ann.pdf"),
        ("Zoë O'Brien", "", "about-me-zoe.pdf"),
        ("Robert Jones", "Bobby Jo", "about-me-bobby-jo.pdf"),
        ("李 小龍", "", "about-me.pdf"),
    ],
)
def test_the_pdf_filename_is_ascii(person, owner, full_name, preferred_name, filename):
    person.full_name, person.preferred_name = full_name, preferred_name

    assert pdf_filename(queries.about_me(user=owner, person=person)) == filename


# Who may open them, and the audit trail -----------------------------------------------------


@pytest.mark.parametrize("url_for", [page_url, pdf_url], ids=["page", "pdf"])
def test_someone_from_another_area_gets_404(ann, outsider, url_for):
    response = client_for(outsider).get(url_for(ann))

    assert response.status_code == 404
    assert b"Ann Example" not in response.content
    assert b"My garden" not in response.content
    assert not AuditEntry.objects.filter(user=outsider).exists()


@pytest.mark.parametrize("url_for", [page_url, pdf_url], ids=["page", "pdf"])
def test_a_commissioner_is_refused(ann, commissioner, url_for):
    response = client_for(commissioner).get(url_for(ann))

    assert response.status_code in (403, 404)
    assert b"Ann Example" not in response.content
    assert not AuditEntry.objects.filter(user=commissioner).exists()


@pytest.mark.parametrize("url_for", [page_url, pdf_url], ids=["page", "pdf"])
@pytest.mark.parametrize("reader", ["owner", "colleague", "manager"])
def test_each_opening_writes_one_audit_entry_about_the_page_they_keep(
    request, ann, reader, url_for
):
    user = request.getfixturevalue(reader)
    last = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0

    response = client_for(user).get(url_for(ann))

    assert response.status_code == 200
    entries = list(AuditEntry.objects.filter(pk__gt=last))
    assert [(e.user_id, e.person_id, e.action, e.record_type) for e in entries] == [
        (user.pk, ann.pk, Action.VIEWED, RecordType.ABOUT_ME)
    ]
