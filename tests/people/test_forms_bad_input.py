"""Bad input through every form, as the owner, with the test client.

Each test checks the four promises of "no silent loss": the page comes back (200) with the GOV.UK
error summary, the very message a coordinator should read (imported, not retyped), everything
else they typed still in the form, and nothing saved.
"""

import uuid
from datetime import timedelta
from html import escape
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import timezone

from alongside import records
from alongside.audit.models import Action
from alongside.people import forms, forms_introductions, services
from alongside.people.models import (
    Conversation,
    IntroducerKind,
    Introduction,
    Level,
    Person,
    PlanStep,
)
from alongside.validation import (
    DATE_IN_FUTURE,
    DATE_OF_BIRTH_IN_FUTURE,
    NAME_REQUIRED,
    PHONE_INVALID,
    POSTCODE_INVALID,
    STALE_VERSION,
    too_long,
)
from tests.conftest import client_for

pytestmark = pytest.mark.usefixtures("fast_password_hashing")

# forms.PersonDetailsMixin.clean_date_of_birth raises this literal; it is not a named constant


def tomorrow() -> str:
    return (timezone.localdate() + timedelta(days=1)).isoformat()


def today() -> str:
    return timezone.localdate().isoformat()


# Reading the form back out of the page, as a browser would submit it -------------------------


class _FormReader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._textarea = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append(
                {
                    "method": (a.get("method") or "get").lower(),
                    "action": a.get("action") or "",
                    "fields": {},
                }
            )
            return
        if not self.forms:
            return
        fields = self.forms[-1]["fields"]
        name = a.get("name")
        if tag == "input" and name:
            if a.get("type") in ("radio", "checkbox"):
                if "checked" in a:
                    fields[name] = a.get("value") or "on"
            elif a.get("type") != "submit":
                fields[name] = a.get("value") or ""
        elif tag == "textarea" and name:
            self._textarea = name
            fields[name] = ""
        elif tag == "select" and name:
            self._select = name
            fields[name] = None
        elif tag == "option" and self._select and (fields[self._select] is None or "selected" in a):
            fields[self._select] = a.get("value") or ""

    def handle_data(self, data):
        if self._textarea and self.forms:
            self.forms[-1]["fields"][self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea:
            # Like a browser: the newline straight after <textarea> is not part of the value.
            fields = self.forms[-1]["fields"]
            fields[self._textarea] = fields[self._textarea].removeprefix("\n")
            self._textarea = None
        elif tag == "select":
            self._select = None


def page_form(response) -> dict:
    """The fields of the page's own form (a POST to the same URL), as a browser would send
    them: not the sign-out form in the header, not the Remove button's form."""
    reader = _FormReader()
    reader.feed(response.content.decode())
    own = [f for f in reader.forms if f["method"] == "post" and not f["action"]]
    assert own, "no form on the page"
    return {k: v for k, v in own[0]["fields"].items() if k != "csrfmiddlewaretoken"}


def assert_problem(response, *messages, kept: dict | None = None):
    """200, the error summary, each message, and each field still holding what was typed."""
    assert response.status_code == 200, getattr(response, "url", response.status_code)
    html = response.content.decode()
    assert "There is a problem" in html
    assert 'class="govuk-error-summary"' in html
    for message in messages:
        assert escape(message) in html, message
    fields = page_form(response) if kept else {}
    for name, value in (kept or {}).items():
        assert fields.get(name) == value, (name, fields.get(name), value)


@pytest.fixture
def saved(db_state):
    """What is saved: every row, except the audit trail's "viewed" entries (opening a form
    is a read, and reads are audited)."""

    def state():
        now = db_state()
        now["audit.AuditEntry"] = [
            row for row in now["audit.AuditEntry"] if row["action"] != Action.VIEWED
        ]
        return now

    return state


# Introductions -----------------------------------------------------------------------------


def quick(**overrides) -> dict:
    data = {
        "full_name": "Cara New",
        "phone": "07700 900982",
        "email": "cara@example.org",
        "postcode": "LS6 1AB",
        "area": "",
        "introducer_kind": IntroducerKind.FRIEND,
        "introducer_name": "Dot Neighbour",
        "introducer_contact": "0113 496 0000",
        "whats_going_on": "Lost her job, feeling low",
        "agreement": "agrees",
        "urgent_detail": "",
        "form_token": str(uuid.uuid4()),
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


QUICK = reverse("introductions:quick")
FULL = reverse("introductions:new")


def test_quick_introduction_without_name_says_enter_the_name_and_keeps_the_phone(
    owner_client, area, saved
):
    before = saved()
    response = owner_client.post(QUICK, quick(full_name="  "))
    assert_problem(
        response,
        NAME_REQUIRED,
        kept={
            "phone": "07700 900982",
            "email": "cara@example.org",
            "introducer_name": "Dot Neighbour",
            "whats_going_on": "Lost her job, feeling low",
            "agreement": "agrees",
        },
    )
    assert saved() == before


def test_quick_introduction_with_a_bad_email_says_so_and_keeps_the_email_and_name(
    owner_client, area, saved
):
    before = saved()
    response = owner_client.post(QUICK, quick(email="cara at example"))
    assert_problem(
        response,
        forms.EMAIL_INVALID,
        kept={"email": "cara at example", "full_name": "Cara New", "phone": "07700 900982"},
    )
    assert saved() == before


@pytest.mark.parametrize(
    "phone",
    [
        "12345",
        "07700",
        "not a phone",
        "0113 496 00000 1",
    ],
)
def test_quick_introduction_with_a_bad_phone_says_enter_a_uk_number_and_keeps_what_was_typed(
    owner_client, area, saved, phone
):
    before = saved()
    response = owner_client.post(QUICK, quick(phone=phone))
    assert_problem(response, PHONE_INVALID, kept={"phone": phone, "full_name": "Cara New"})
    assert saved() == before


def test_quick_introduction_with_a_bad_postcode_says_enter_a_real_postcode_and_keeps_it(
    owner_client, area, saved
):
    before = saved()
    response = owner_client.post(QUICK, quick(postcode="XYZ 123", area=area.pk))
    assert_problem(
        response,
        POSTCODE_INVALID,
        kept={"postcode": "XYZ 123", "full_name": "Cara New", "area": str(area.pk)},
    )
    assert saved() == before


def test_quick_introduction_with_5000_characters_of_whats_going_on_says_too_long_and_keeps_it(
    owner_client, area, saved
):
    before = saved()
    text = "Lonely. " * 624 + "Lonely!"  # 4999 characters
    text += "!"
    response = owner_client.post(QUICK, quick(whats_going_on=text))
    assert_problem(
        response,
        too_long("What's going on for them", 4000),
        kept={"whats_going_on": text, "full_name": "Cara New", "phone": "07700 900982"},
    )
    assert saved() == before


def test_quick_introduction_marked_urgent_without_detail_asks_what_is_urgent(
    owner_client, area, saved
):
    before = saved()
    response = owner_client.post(QUICK, quick(urgent="on", urgent_detail="   "))
    assert_problem(
        response,
        forms_introductions.URGENT_DETAIL_REQUIRED,
        kept={"urgent": "on", "full_name": "Cara New", "phone": "07700 900982"},
    )
    assert saved() == before


@pytest.mark.parametrize(
    "postcode",
    [
        "",  # no postcode at all
        "M1 1AA",  # a real postcode in none of the areas
    ],
)
def test_quick_introduction_without_area_and_a_postcode_that_suggests_none_asks_for_the_area(
    owner_client, area, other_area, saved, postcode
):
    before = saved()
    response = owner_client.post(QUICK, quick(postcode=postcode))
    assert_problem(
        response,
        forms_introductions.AREA_REQUIRED,
        kept={"postcode": postcode, "full_name": "Cara New", "phone": "07700 900982"},
    )
    assert other_area.name not in response.content.decode()
    assert saved() == before


def test_quick_introduction_without_area_takes_the_area_from_the_postcode(owner_client, area):
    response = owner_client.post(QUICK, quick(postcode="ls61ab"))
    assert response.status_code == 302
    assert Person.objects.get(full_name="Cara New").area == area


def test_quick_introduction_without_introducer_or_agreement_asks_for_both(
    owner_client, area, saved
):
    before = saved()
    response = owner_client.post(QUICK, quick(introducer_kind="", agreement=None, area=area.pk))
    assert_problem(
        response,
        forms_introductions.INTRODUCER_REQUIRED,
        forms_introductions.AGREEMENT_REQUIRED,
        kept={"full_name": "Cara New", "introducer_name": "Dot Neighbour"},
    )
    assert saved() == before


def full(**overrides) -> dict:
    data = quick(
        preferred_name="Cara",
        pronouns="she/her",
        date_of_birth="1960-05-01",
        address="1 Hill Street\nLeeds",
        received_on=today(),
        channel="phone",
        introducer_organisation="Hill Street Residents",
        what_matters="Her garden",
        area="",
    )
    data.update(overrides)
    return data


def test_full_introduction_with_date_of_birth_tomorrow_says_it_must_be_in_the_past(
    owner_client, area, saved
):
    before = saved()
    response = owner_client.post(FULL, full(date_of_birth=tomorrow()))
    assert_problem(
        response,
        DATE_OF_BIRTH_IN_FUTURE,
        kept={
            "date_of_birth": tomorrow(),
            "address": "1 Hill Street\nLeeds",
            "what_matters": "Her garden",
            "pronouns": "she/her",
        },
    )
    assert saved() == before


def test_full_introduction_received_tomorrow_says_the_date_cannot_be_in_the_future(
    owner_client, area, saved
):
    before = saved()
    response = owner_client.post(FULL, full(received_on=tomorrow()))
    assert_problem(
        response,
        DATE_IN_FUTURE,
        kept={"received_on": tomorrow(), "introducer_organisation": "Hill Street Residents"},
    )
    assert saved() == before


def test_full_introduction_with_every_field_right_is_saved(owner_client, area):
    response = owner_client.post(FULL, full())
    assert response.status_code == 302
    cara = Person.objects.get(full_name="Cara New")
    assert (cara.phone, cara.postcode, cara.area) == ("07700 900982", "LS6 1AB", area)


# Deciding after the first conversation -----------------------------------------------------


@pytest.fixture
def intro(person):
    return person.introductions.get()


def test_deciding_not_now_without_a_reason_asks_why_and_keeps_the_note(owner_client, intro, saved):
    before = saved()
    url = reverse("introductions:detail", args=[intro.pk])
    response = owner_client.post(
        url,
        {"decision": "not_now", "not_now_reason": "", "note": "Call in spring", "version": 1},
    )
    assert_problem(
        response,
        forms_introductions.NOT_NOW_REASON_REQUIRED,
        kept={"decision": "not_now", "note": "Call in spring"},
    )
    assert saved() == before


def test_deciding_without_choosing_asks_how_you_will_support_them(owner_client, intro, saved):
    before = saved()
    url = reverse("introductions:detail", args=[intro.pk])
    response = owner_client.post(url, {"note": "Met at the cafe", "version": intro.version})
    assert_problem(response, forms.DECISION_REQUIRED, kept={"note": "Met at the cafe"})
    assert saved() == before


# The person's details and good life -------------------------------------------------------


def details(person, **overrides) -> dict:
    data = {
        "full_name": "Ann Example",
        "preferred_name": "Annie",
        "pronouns": "she/her",
        "date_of_birth": "1950-02-03",
        "phone": "07700 900123",
        "email": "ann@example.org",
        "address": "2 Hill Street",
        "postcode": "LS6 1AB",
        "area": person.area_id,
        "coordinator": "",
        "version": person.version,
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("full_name", "", NAME_REQUIRED),
        ("email", "ann@", forms.EMAIL_INVALID),
        ("phone", "12345", PHONE_INVALID),
        ("phone", "not a phone", PHONE_INVALID),
        ("postcode", "XYZ 123", POSTCODE_INVALID),
        ("date_of_birth", "tomorrow", DATE_OF_BIRTH_IN_FUTURE),
        ("address", "x" * 401, too_long("Address", 400)),
    ],
)
def test_changing_details_with_a_bad_value_says_what_is_wrong_and_keeps_the_rest(
    owner_client, person, saved, field, value, message
):
    value = tomorrow() if value == "tomorrow" else value
    before = saved()
    url = reverse("people:edit", args=[person.pk])
    response = owner_client.post(url, details(person, **{field: value}))
    kept = {"preferred_name": "Annie", "pronouns": "she/her", "address": "2 Hill Street"}
    kept[field] = value
    assert_problem(response, message, kept=kept)
    assert saved() == before


def test_a_good_life_of_5000_characters_says_too_long_and_keeps_both_texts(
    owner_client, person, saved
):
    before = saved()
    vision = ("A garden. " * 500).strip() + "!"
    response = owner_client.post(
        reverse("people:vision", args=[person.pk]),
        {"what_matters": "Her grandson", "vision": vision, "version": person.version},
    )
    assert_problem(
        response,
        too_long("Their vision of a good life", 4000),
        kept={"what_matters": "Her grandson", "vision": vision},
    )
    assert saved() == before


# Records of the person -------------------------------------------------------------------


def add_url(person, kind):
    return reverse("people:record_add", args=[person.pk, kind])


def conversation(**overrides):
    data = {
        "on": today(),
        "how": "phone",
        "where": "The cafe",
        "who_was_there": "Her daughter",
        "duration_minutes": "45",
        "notes": "Talked about the allotment",
        "form_token": str(uuid.uuid4()),
    }
    data.update(overrides)
    return data


def test_a_conversation_dated_tomorrow_says_the_date_cannot_be_in_the_future_and_keeps_notes(
    owner_client, person, saved
):
    before = saved()
    response = owner_client.post(add_url(person, "conversation"), conversation(on=tomorrow()))
    assert_problem(
        response,
        DATE_IN_FUTURE,
        kept={
            "on": tomorrow(),
            "notes": "Talked about the allotment",
            "where": "The cafe",
            "how": "phone",
        },
    )
    assert saved() == before


@pytest.mark.parametrize("minutes", ["0", "601"])
def test_a_conversation_of_0_or_601_minutes_asks_for_a_length_between_1_and_600(
    owner_client, person, saved, minutes
):
    before = saved()
    response = owner_client.post(
        add_url(person, "conversation"), conversation(duration_minutes=minutes)
    )
    assert_problem(
        response,
        forms.DURATION_RANGE,
        kept={"duration_minutes": minutes, "notes": "Talked about the allotment"},
    )
    assert saved() == before


def test_a_conversation_of_minus_5_minutes_asks_for_a_length_between_1_and_600(
    owner_client, person, saved
):
    before = saved()
    response = owner_client.post(
        add_url(person, "conversation"), conversation(duration_minutes="-5")
    )
    assert response.status_code == 200
    assert saved() == before
    assert escape(forms.DURATION_RANGE) in response.content.decode()


def test_a_conversation_without_notes_asks_for_a_note_and_keeps_where(owner_client, person, saved):
    before = saved()
    response = owner_client.post(add_url(person, "conversation"), conversation(notes="  "))
    assert_problem(
        response,
        forms.ConversationForm._meta.error_messages["notes"]["required"],
        kept={"where": "The cafe", "who_was_there": "Her daughter"},
    )
    assert saved() == before


def test_changing_a_conversation_to_601_minutes_is_refused_and_the_saved_one_is_kept(
    owner_client, person, records, saved
):
    talk = records["conversation"]
    before = saved()
    url = reverse("people:record_edit", args=[person.pk, "conversation", talk.pk])
    response = owner_client.post(
        url, conversation(duration_minutes="601", notes="Changed notes", version=talk.version)
    )
    assert_problem(
        response, forms.DURATION_RANGE, kept={"notes": "Changed notes", "duration_minutes": "601"}
    )
    assert saved() == before


def test_a_gift_with_neither_term_nor_description_asks_for_one(owner_client, person, saved):
    before = saved()
    response = owner_client.post(
        add_url(person, "gift"),
        {"kind": "strength", "term": "", "description": "   ", "family_member": ""},
    )
    assert_problem(response, forms.GIFT_EMPTY, kept={"kind": "strength"})
    assert saved() == before


def test_a_plan_step_without_who_says_who_will_do_it_and_keeps_what(owner_client, person, saved):
    before = saved()
    by_when = (timezone.localdate() + timedelta(days=30)).isoformat()
    response = owner_client.post(
        add_url(person, "step"),
        {"what": "Join the walking group", "who": "", "by_when": by_when},
    )
    assert_problem(
        response,
        forms.PlanStepForm._meta.error_messages["who"]["required"],
        kept={"what": "Join the walking group", "by_when": by_when},
    )
    assert saved() == before


def test_a_plan_step_of_301_characters_says_too_long_and_keeps_who(owner_client, person, saved):
    before = saved()
    what = "w" * 301
    response = owner_client.post(
        add_url(person, "step"), {"what": what, "who": "Ann and her son", "by_when": ""}
    )
    assert_problem(response, too_long("What", 300), kept={"what": what, "who": "Ann and her son"})
    assert saved() == before


def test_a_plan_step_may_be_due_in_the_future(owner_client, person):
    response = owner_client.post(
        add_url(person, "step"), {"what": "Walk", "who": "Ann", "by_when": tomorrow()}
    )
    assert response.status_code == 302
    assert PlanStep.objects.get(person=person).by_when.isoformat() == tomorrow()


def test_a_plan_review_dated_tomorrow_without_a_note_says_both(owner_client, person, saved):
    before = saved()
    response = owner_client.post(add_url(person, "review"), {"on": tomorrow(), "note": ""})
    assert_problem(
        response,
        DATE_IN_FUTURE,
        forms.PlanReviewForm._meta.error_messages["note"]["required"],
        kept={"on": tomorrow()},
    )
    assert saved() == before


def test_a_voice_entry_without_whose_voice_or_with_whom_says_both_and_keeps_about(
    owner_client, person, saved
):
    before = saved()
    response = owner_client.post(
        add_url(person, "voice"),
        {"on": today(), "about": "Damp in the flat", "with_whom": "", "what_happened": "Called"},
    )
    messages = forms.VoiceForm._meta.error_messages
    assert_problem(
        response,
        messages["kind"]["required"],
        messages["with_whom"]["required"],
        kept={"about": "Damp in the flat", "what_happened": "Called"},
    )
    assert saved() == before


def test_a_family_member_without_a_name_asks_for_it_and_keeps_the_relationship(
    owner_client, person, saved
):
    before = saved()
    response = owner_client.post(
        add_url(person, "family"), {"name": "", "relationship": "grandson", "notes": "Visits"}
    )
    assert_problem(
        response,
        forms.FamilyMemberForm._meta.error_messages["name"]["required"],
        kept={"relationship": "grandson", "notes": "Visits"},
    )
    assert saved() == before


def test_stepping_back_without_a_reason_asks_why_and_keeps_the_note(owner_client, person, saved):
    before = saved()
    response = owner_client.post(
        reverse("people:step_back", args=[person.pk]),
        {"on": "", "note": "Moving to Wales", "version": person.version},
    )
    assert_problem(response, forms.STEP_BACK_REASON_REQUIRED, kept={"note": "Moving to Wales"})
    assert saved() == before


def test_stepping_back_from_tomorrow_says_the_date_cannot_be_in_the_future(
    owner_client, person, saved
):
    before = saved()
    response = owner_client.post(
        reverse("people:step_back", args=[person.pk]),
        {"reason": "moved", "on": tomorrow(), "note": "Moving", "version": person.version},
    )
    assert_problem(
        response, DATE_IN_FUTURE, kept={"reason": "moved", "note": "Moving", "on": tomorrow()}
    )
    assert saved() == before


def test_changing_support_without_a_level_asks_how_and_keeps_the_note(owner_client, person, saved):
    before = saved()
    response = owner_client.post(
        reverse("people:level", args=[person.pk]),
        {"level": "", "note": "Back after the winter", "version": person.version},
    )
    assert_problem(response, forms.DECISION_REQUIRED, kept={"note": "Back after the winter"})
    assert saved() == before


# Double submit -----------------------------------------------------------------------------


def test_submitting_the_same_quick_introduction_twice_makes_one_person_and_one_introduction(
    owner_client, area
):
    data = quick()
    first = owner_client.post(QUICK, data)
    second = owner_client.post(QUICK, data)
    assert first.status_code == 302
    assert second.status_code in (200, 302)
    assert Person.objects.filter(full_name="Cara New").count() == 1
    assert Introduction.objects.filter(person__full_name="Cara New").count() == 1


def test_the_second_submit_of_an_introduction_goes_to_the_introduction_the_first_made(
    owner_client, area
):
    data = quick()
    first = owner_client.post(QUICK, data)
    second = owner_client.post(QUICK, data)
    assert second.status_code == 302
    assert second.url == first.url


def test_submitting_the_same_conversation_twice_adds_it_once(owner_client, person):
    data = conversation()
    first = owner_client.post(add_url(person, "conversation"), data)
    second = owner_client.post(add_url(person, "conversation"), data)
    assert (first.status_code, second.status_code) == (302, 302)
    assert Conversation.objects.filter(person=person).count() == 1


def test_a_new_conversation_form_gets_a_new_token_so_two_real_conversations_are_both_kept(
    owner_client, person
):
    for notes in ["First chat", "Second chat"]:
        page = owner_client.get(add_url(person, "conversation"), follow=True)
        fields = page_form(page)
        assert fields["form_token"]
        url = page.redirect_chain[-1][0]  # the add page's address with its one-time token
        response = owner_client.post(url, {**fields, "notes": notes})
        assert response.status_code == 302
    assert Conversation.objects.filter(person=person).count() == 2


# A colleague saved first -------------------------------------------------------------------


def test_changing_details_after_a_colleague_saved_keeps_both_and_explains(
    owner_client, person, colleague
):
    url = reverse("people:edit", args=[person.pk])
    loaded = page_form(owner_client.get(url))
    services.person_change(
        user=colleague,
        person=person,
        changes={"phone": "0113 496 0999"},
        expected_version=person.version,
    )

    typed = {**loaded, "preferred_name": "Annie", "pronouns": "she/her"}
    response = owner_client.post(url, typed)

    assert_problem(response, STALE_VERSION, kept={"preferred_name": "Annie", "pronouns": "she/her"})
    person.refresh_from_db()
    assert person.phone == "0113 496 0999"
    assert person.preferred_name == ""
    html = response.content.decode()
    assert "Their changes are now in the form below: Phone." in html
    assert page_form(response)["phone"] == "0113 496 0999"

    again = owner_client.post(url, page_form(response))
    assert again.status_code == 302
    person.refresh_from_db()
    assert (person.preferred_name, person.pronouns) == ("Annie", "she/her")


def test_saving_again_after_a_conflict_keeps_the_colleagues_change_to_an_untouched_field(
    owner_client, person, colleague
):
    url = reverse("people:edit", args=[person.pk])
    loaded = page_form(owner_client.get(url))
    services.person_change(
        user=colleague, person=person, changes={"phone": "0113 496 0999"}, expected_version=1
    )
    response = owner_client.post(url, {**loaded, "preferred_name": "Annie"})
    owner_client.post(url, page_form(response))
    person.refresh_from_db()
    assert person.preferred_name == "Annie"
    assert person.phone == "0113 496 0999"


def test_changing_a_conversation_after_a_colleague_saved_keeps_both_and_explains(
    owner_client, person, records, colleague
):
    talk = records["conversation"]
    url = reverse("people:record_edit", args=[person.pk, "conversation", talk.pk])
    loaded = page_form(owner_client.get(url))
    services.conversation_change(
        user=colleague,
        conversation=talk,
        changes={"notes": "Colleague's notes"},
        expected_version=talk.version,
    )

    response = owner_client.post(url, {**loaded, "where": "The library", "notes": "Mine"})

    assert_problem(response, STALE_VERSION, kept={"where": "The library", "notes": "Mine"})
    talk.refresh_from_db()
    assert (talk.notes, talk.where) == ("Colleague's notes", "Cafe")
    assert escape("Colleague's notes") in response.content.decode()

    again = owner_client.post(url, page_form(response))
    assert again.status_code == 302
    talk.refresh_from_db()
    assert (talk.notes, talk.where) == ("Mine", "The library")


def test_deciding_after_a_colleague_changed_the_introduction_explains_and_keeps_the_choice(
    owner_client, intro, colleague
):
    url = reverse("introductions:detail", args=[intro.pk])
    loaded = page_form(owner_client.get(url))
    records.change(
        user=colleague,
        record=intro,
        changes={"whats_going_on": "Moved house last week"},
        expected_version=intro.version,
    )

    typed = {**loaded, "decision": Level.WALKING_ALONGSIDE, "note": "Met at the cafe"}
    response = owner_client.post(url, typed)

    assert_problem(
        response,
        STALE_VERSION,
        kept={"decision": Level.WALKING_ALONGSIDE, "note": "Met at the cafe"},
    )
    intro.refresh_from_db()
    assert intro.decided_at is None
    assert intro.whats_going_on == "Moved house last week"
    assert "Moved house last week" in response.content.decode()

    again = owner_client.post(url, page_form(response))
    assert again.status_code == 302
    intro.refresh_from_db()
    assert (intro.decision, intro.decision_note) == (Level.WALKING_ALONGSIDE, "Met at the cafe")


def test_deciding_after_a_colleague_decided_says_so_and_keeps_what_was_typed(
    owner_client, intro, colleague
):
    url = reverse("introductions:detail", args=[intro.pk])
    loaded = page_form(owner_client.get(url))
    services.introduction_decide(
        user=colleague,
        introduction=intro,
        decision=Level.CONNECTION,
        expected_version=intro.version,
    )
    response = owner_client.post(
        url, {**loaded, "decision": Level.WALKING_ALONGSIDE, "note": "Met at the cafe"}
    )
    intro.refresh_from_db()
    assert (intro.decision, intro.decided_by) == (Level.CONNECTION, colleague)
    assert_problem(response, STALE_VERSION)
    assert "Met at the cafe" in response.content.decode()


# Maybe we know this person already ---------------------------------------------------------


def test_an_introduction_with_the_phone_of_someone_known_asks_before_creating_anything(
    owner_client, person, saved
):
    before = saved()
    response = owner_client.post(QUICK, quick(full_name="Annie Example", phone="07700900123"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "We may know this person already" in html
    assert f'value="{person.pk}"' in html and "Ann Example" in html
    assert page_form(response)["full_name"] == "Annie Example"
    assert saved() == before


def test_choosing_the_known_person_adds_a_second_introduction_to_them(owner_client, person, area):
    data = quick(full_name="Annie Example", phone="07700900123")
    first = owner_client.post(QUICK, data)
    response = owner_client.post(QUICK, {**page_form(first), "same_as": person.pk})
    assert response.status_code == 302
    assert Person.objects.count() == 1
    assert person.introductions.count() == 2


def test_choosing_someone_new_creates_a_new_person(owner_client, person):
    data = quick(full_name="Annie Example", phone="07700900123")
    first = owner_client.post(QUICK, data)
    response = owner_client.post(QUICK, {**page_form(first), "same_as": "new"})
    assert response.status_code == 302
    assert Person.objects.count() == 2
    assert person.introductions.count() == 1
    assert Person.objects.get(full_name="Annie Example").introductions.count() == 1


def test_a_same_phone_person_in_another_teams_area_is_shown_as_that_area_and_whom_to_ask(
    owner_client, outsider, other_area, area
):
    """Problem 2 of the introductions issue: a match elsewhere is shown, with no detail of
    the person: only the area and its coordinator."""
    bob = services.introduction_record(
        user=outsider,
        person_data={"full_name": "Bob Other", "phone": "07700 900777", "area": other_area},
        introduction_data={"introducer_kind": IntroducerKind.SELF, "agreement": "agrees"},
    ).person

    response = owner_client.post(QUICK, quick(full_name="Robert", phone="0770 090 0777"))

    page = response.content.decode()
    assert response.status_code == 200
    assert "We may know this person already" in page
    assert "Riverside" in page and outsider.full_name in page and outsider.email in page
    assert "Bob Other" not in page and "900777" not in page
    assert not Person.objects.filter(full_name="Robert").exists()

    response = owner_client.post(
        QUICK, {**quick(full_name="Robert", phone="07700 900777"), "same_as": "new"}
    )
    assert response.status_code == 302
    assert bob.introductions.count() == 1
    assert Person.objects.get(full_name="Robert").area == area


def test_choosing_a_person_from_another_teams_area_by_id_does_not_attach_to_them(
    owner_client, outsider, other_area, area
):
    bob = services.introduction_record(
        user=outsider,
        person_data={"full_name": "Bob Other", "phone": "07700 900777", "area": other_area},
        introduction_data={"introducer_kind": IntroducerKind.SELF, "agreement": "agrees"},
    ).person

    response = owner_client.post(QUICK, {**quick(full_name="Robert"), "same_as": bob.pk})

    assert response.status_code == 302
    assert bob.introductions.count() == 1
    assert Person.objects.get(full_name="Robert").area == area


def test_choosing_nothing_when_asked_about_a_known_person_creates_nothing(
    owner_client, person, saved
):
    first = owner_client.post(QUICK, quick(full_name="Annie Example", phone="07700900123"))
    before = saved()
    response = owner_client.post(QUICK, {**page_form(first), "same_as": "999999"})
    assert response.status_code == 200
    assert "We may know this person already" in response.content.decode()
    assert saved() == before


def test_someone_elses_form_token_tells_nothing_and_never_fails(
    owner_client, outsider, area, other_area
):
    """A coordinator of another area who posts the token of an introduction they cannot see
    (guessed, or from a colleague's screen) is neither told that person's name nor given a
    500: their own introduction is made as if the token were new."""
    token = str(uuid.uuid4())
    owner_client.post(QUICK, quick(form_token=token, full_name="Cara Hidden"))
    assert Introduction.objects.filter(form_token=token).exists()
    response = client_for(outsider).post(
        QUICK,
        quick(
            form_token=token,
            full_name="Dan Other",
            phone="07700 900123",
            email="dan@example.org",
            postcode="",
            area=other_area.pk,
        ),
    )
    assert response.status_code in (200, 302), response.status_code
    page = (
        client_for(outsider).get(response["Location"]) if response.status_code == 302 else response
    )
    assert "Cara Hidden" not in page.content.decode()
    assert Person.objects.filter(full_name="Dan Other", area=other_area).exists()
