"""Services and queries: the rules of walking alongside, scoping and the audit trail."""

import pytest
from django.db import transaction

from alongside.accounts.models import Area
from alongside.accounts.scoping import scoped
from alongside.audit.models import Action, AuditEntry
from alongside.audit.services import audit_record
from alongside.people import queries, services
from alongside.people.models import (
    Conversation,
    Introduction,
    Level,
    Person,
    Status,
    SupportChange,
    SupportChangeKind,
)
from tests.conftest import make_user


def decide(person, user, decision=Level.WALKING_ALONGSIDE, **extra):
    intro = person.introductions.get()
    return services.introduction_decide(
        user=user, introduction=intro, decision=decision, expected_version=intro.version, **extra
    )


def test_recording_an_introduction_creates_the_person_and_audits_both(person, owner):
    assert person.status == Status.NEW
    assert person.introductions.count() == 1
    entries = AuditEntry.objects.filter(person_id=person.pk, action=Action.CREATED)
    assert {e.record_type for e in entries} == {"person", "introduction"}
    assert all(e.user == owner for e in entries)


def test_deciding_walking_alongside_makes_the_decider_the_coordinator(person, owner):
    decide(person, owner)
    person.refresh_from_db()
    assert (person.status, person.level, person.coordinator) == (
        Status.ACTIVE,
        Level.WALKING_ALONGSIDE,
        owner,
    )
    change = SupportChange.objects.get(person=person)
    assert change.kind == SupportChangeKind.DECIDED
    assert person.introductions.get().decided_by == owner


def test_deciding_not_now_keeps_the_reason_and_sets_no_level(person, owner):
    decide(person, owner, decision="not_now", not_now_reason="declined", note="Maybe in spring")
    person.refresh_from_db()
    assert person.status == Status.NOT_NOW
    assert person.level == ""
    change = SupportChange.objects.get(person=person)
    assert change.reason_label() == "The person does not want support now"


def test_deciding_twice_is_refused(person, owner, colleague):
    intro = person.introductions.get()
    version = intro.version
    services.introduction_decide(
        user=owner, introduction=intro, decision=Level.CONNECTION, expected_version=version
    )
    with pytest.raises(services.StaleVersion):
        services.introduction_decide(
            user=colleague,
            introduction=intro,
            decision=Level.SHORT_TERM,
            expected_version=version,
        )
    person.refresh_from_db()
    assert person.level == Level.CONNECTION


def test_a_stale_save_is_refused_and_overwrites_nothing(person, owner, colleague):
    version = person.version
    services.person_change(
        user=colleague, person=person, changes={"pronouns": "she/her"}, expected_version=version
    )
    with pytest.raises(services.StaleVersion) as error:
        services.person_change(
            user=owner, person=person, changes={"pronouns": "they/them"}, expected_version=version
        )
    assert error.value.current.pronouns == "she/her"
    person.refresh_from_db()
    assert person.pronouns == "she/her"


def test_an_update_saves_and_audits_only_what_changed(person, owner):
    changed = services.person_change(
        user=owner,
        person=person,
        changes={"full_name": person.full_name, "pronouns": "she/her"},
        expected_version=person.version,
    )
    assert changed == ["pronouns"]
    entry = AuditEntry.objects.filter(person_id=person.pk, action=Action.CHANGED).get()
    assert entry.fields == ["pronouns"]
    assert person.version == 2


def test_saving_the_vision_records_when_it_changed(person, owner):
    services.person_change(
        user=owner,
        person=person,
        changes={"vision": "To cook for my grandchildren"},
        expected_version=person.version,
    )
    assert person.vision_updated_at is not None


def test_stepping_back_and_reopening_keep_the_history(person, owner):
    decide(person, owner)
    person.refresh_from_db()
    services.person_step_back(
        user=owner, person=person, reason="going_well", expected_version=person.version
    )
    assert person.status == Status.STEPPED_BACK
    services.person_reopen(
        user=owner, person=person, level=Level.SHORT_TERM, expected_version=person.version
    )
    assert (person.status, person.level) == (Status.ACTIVE, Level.SHORT_TERM)
    kinds = list(person.support_changes.order_by("id").values_list("kind", flat=True))
    assert kinds == ["decided", "stepped_back", "reopened"]


def test_a_new_introduction_of_someone_stepped_back_puts_them_back_in_the_inbox(person, owner):
    decide(person, owner)
    person.refresh_from_db()
    services.person_step_back(
        user=owner, person=person, reason="chose", expected_version=person.version
    )
    services.introduction_record(
        user=owner,
        person=person,
        person_data={},
        introduction_data={"introducer_kind": "self", "agreement": "agrees"},
    )
    person.refresh_from_db()
    assert person.status == Status.NEW
    assert queries.inbox(user=owner).filter(person=person).count() == 1


def test_a_double_submit_adds_one_record(person, owner):
    import uuid

    token = uuid.uuid4()
    data = {"notes": "We met at the café"}
    first = services.conversation_add(user=owner, person=person, **data, form_token=token)
    second = services.conversation_add(user=owner, person=person, **data, form_token=token)
    assert first.pk == second.pk
    assert Conversation.objects.count() == 1


def test_removing_is_soft_and_hides_the_record(person, owner):
    conversation = services.conversation_add(user=owner, person=person, notes="Hello")
    services.conversation_remove(user=owner, conversation=conversation, expected_version=1)
    assert Conversation.objects.filter(pk=conversation.pk).exists()
    assert not queries.conversations(user=owner, person=person).exists()
    assert AuditEntry.objects.filter(action=Action.DELETED, record_id=conversation.pk).exists()


def test_the_audit_trail_is_written_only_inside_a_transaction(owner, person):
    with pytest.raises(RuntimeError):
        # The test database wraps each test in a transaction: leave it to prove the guard.
        transaction.get_connection().in_atomic_block = False
        try:
            audit_record(
                user=owner, person_id=person.pk, action=Action.VIEWED, record_type="person"
            )
        finally:
            transaction.get_connection().in_atomic_block = True


def test_opening_a_person_is_audited_and_404s_for_an_outsider(person, owner, outsider):
    from django.http import Http404

    services.person_open(user=owner, person_id=person.pk)
    assert AuditEntry.objects.filter(person_id=person.pk, action=Action.VIEWED).count() == 1
    with pytest.raises(Http404):
        services.person_open(user=outsider, person_id=person.pk)
    assert AuditEntry.objects.filter(person_id=person.pk, action=Action.VIEWED).count() == 1


def test_scoping_follows_areas_and_teams(
    person, owner, colleague, manager, outsider, commissioner, administrator, other_team
):
    people = Person.objects.all()
    assert list(scoped(owner, people)) == [person]
    assert list(scoped(colleague, people)) == [person]
    assert list(scoped(manager, people)) == [person]
    for user in (outsider, commissioner, administrator):
        assert not scoped(user, people).exists()
    other_manager = make_user("other-manager@example.org", role="manager", teams=[other_team])
    assert not scoped(other_manager, people).exists()
    assert list(scoped(owner, Introduction.objects.all())) == list(person.introductions.all())


def test_scoping_hides_removed_people_and_inactive_users(person, owner):
    Person.objects.filter(pk=person.pk).update(deleted_at="2026-01-01T00:00Z")
    assert not scoped(owner, Person.objects.all()).exists()
    Person.objects.filter(pk=person.pk).update(deleted_at=None)
    owner.is_active = False
    assert not scoped(owner, Person.objects.all()).exists()


def test_the_area_is_suggested_from_the_longest_matching_postcode_prefix(owner, area, team):
    sector_area = Area.objects.create(name="Hillside East", team=team, postcode_districts="LS6 2")
    area.postcode_districts = "LS6"
    area.save()
    owner.areas.add(sector_area)
    assert queries.suggest_area(user=owner, postcode="ls6 1xy") == area
    assert queries.suggest_area(user=owner, postcode="LS62AB") == sector_area
    assert queries.suggest_area(user=owner, postcode="M1 1AA") is None
    assert queries.suggest_area(user=owner, postcode="nonsense") is None


def test_possible_duplicates_match_name_and_birth_date_or_contact_within_scope(
    person, owner, outsider
):
    found = queries.possible_duplicates
    assert list(
        found(user=owner, full_name="x", date_of_birth=None, phone=person.phone, email="")
    ) == [person]
    assert list(
        found(user=owner, full_name="x", date_of_birth=None, phone="", email="ANN@example.org")
    ) == [person]
    assert not found(
        user=owner, full_name="Ann Example", date_of_birth=None, phone="", email=""
    ).exists()
    assert not found(
        user=outsider, full_name="x", date_of_birth=None, phone=person.phone, email=""
    ).exists()


def test_a_manager_sees_how_many_people_each_coordinator_walks_alongside(
    person, owner, colleague, manager, area
):
    decide(person, owner)
    loads = {c.coordinator.email: c for c in queries.coordinator_loads(user=manager)}
    assert loads["owner@example.org"].walking_alongside == 1
    assert loads["colleague@example.org"].walking_alongside == 0
    assert queries.coordinator_loads(user=owner) == []


def test_a_decision_must_be_a_known_level_and_not_now_needs_a_reason(person, owner):
    intro = person.introductions.get()
    with pytest.raises(ValueError):
        services.introduction_decide(
            user=owner, introduction=intro, decision="casework", expected_version=intro.version
        )
    with pytest.raises(ValueError):
        services.introduction_decide(
            user=owner, introduction=intro, decision="not_now", expected_version=intro.version
        )
    assert person.introductions.get().decided_at is None


def test_a_decision_audits_the_change_of_support(person, owner):
    decide(person, owner)
    change = SupportChange.objects.get(person=person)
    assert AuditEntry.objects.filter(
        action=Action.CREATED, record_type="support_change", record_id=change.pk
    ).exists()


def test_a_form_token_of_someone_elses_record_never_returns_that_record(
    person, owner, outsider, other_area
):
    """The double-submit check looks the token up through the scoping function: a token that
    belongs to a record in another team's area adds a new record, and shows nothing of it."""
    import uuid

    bob = services.introduction_record(
        user=outsider,
        person_data={"full_name": "Bob Other", "area": other_area},
        introduction_data={"introducer_kind": "self", "agreement": "agrees"},
    ).person
    token = uuid.uuid4()
    theirs = services.conversation_add(
        user=outsider, person=bob, notes="Bob's private notes", form_token=token
    )
    mine = services.conversation_add(user=owner, person=person, notes="Ann", form_token=token)
    assert mine.pk != theirs.pk
    assert mine.person == person and mine.notes == "Ann"


def test_a_double_submit_of_a_removed_record_adds_it_again(person, owner):
    import uuid

    token = uuid.uuid4()
    first = services.conversation_add(user=owner, person=person, notes="Hi", form_token=token)
    services.conversation_remove(user=owner, conversation=first, expected_version=1)
    again = services.conversation_add(user=owner, person=person, notes="Hi", form_token=token)
    assert again.pk != first.pk
    assert list(queries.conversations(user=owner, person=person)) == [again]


def test_a_decision_keeps_the_coordinator_a_colleague_chose_in_the_meantime(
    person, owner, colleague
):
    """The introduction page was loaded, then a colleague made themselves Ann's coordinator;
    deciding from the page builds on the person as they are now."""
    intro = person.introductions.get()
    loaded = Introduction.objects.select_related("person").get(pk=intro.pk)
    services.person_change(
        user=colleague,
        person=person,
        changes={"coordinator": colleague},
        expected_version=person.version,
    )
    services.introduction_decide(
        user=owner,
        introduction=loaded,
        decision=Level.WALKING_ALONGSIDE,
        expected_version=loaded.version,
    )
    person.refresh_from_db()
    assert person.coordinator == colleague
    assert person.status == Status.ACTIVE


def test_changes_of_status_level_coordinator_and_area_keep_old_and_new_values(
    person, owner, colleague
):
    decide(person, owner, decision=Level.SHORT_TERM)
    person.refresh_from_db()
    services.person_change(
        user=owner,
        person=person,
        changes={"coordinator": colleague, "pronouns": "she/her"},
        expected_version=person.version,
    )
    person.refresh_from_db()
    services.person_change_level(
        user=owner, person=person, level=Level.WALKING_ALONGSIDE, expected_version=person.version
    )
    changes = [
        e.values
        for e in AuditEntry.objects.filter(
            person_id=person.pk, action=Action.CHANGED, record_type="person"
        ).order_by("pk")
    ]
    assert changes == [
        {
            "status": ["New introduction", "Supported"],
            "level": ["", "Short-term support"],
            "coordinator": ["", "Owner"],
        },
        {"coordinator": ["Owner", "Colleague"]},
        {"level": ["Short-term support", "Walking alongside"]},
    ]


def test_every_kind_of_record_has_a_word_in_the_audit_vocabulary():
    from django.apps import apps

    from alongside.audit.models import RecordType
    from alongside.people.models import Versioned

    for model in apps.get_models():
        fields = {f.name for f in model._meta.fields}
        if issubclass(model, Versioned) and (
            "person" in fields or model._meta.model_name == "person"
        ):
            assert RecordType(model.audit_type), model
