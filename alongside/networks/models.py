"""The people and groups in a person's life, and dated snapshots of that network."""

from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from alongside.audit.models import RecordType
from alongside.people.models import Person, Versioned

from .metrics import figures
from .ties import Frequency, Kind, Ring, Tie


class NetworkMember(Versioned):
    """Someone (or a group) in the person's life, described the way the person chooses."""

    audit_type = RecordType.NETWORK_MEMBER

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="network_members")
    label = models.CharField(
        "Name or description",
        max_length=80,
        help_text="A name, or words the person chooses, like 'neighbour at 14'",
    )
    kind = models.CharField("Kind of relationship", max_length=20, choices=Kind.choices)
    ring = models.PositiveSmallIntegerField("How close", choices=Ring.choices)
    gives = models.JSONField("What the person gives them", default=list, blank=True)
    receives = models.JSONField("What the person receives from them", default=list, blank=True)
    frequency = models.CharField(
        "How often they are in touch", max_length=10, choices=Frequency.choices, blank=True
    )
    linked_person = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Only when both people have agreed to be linked.",
    )
    link_agreed_on = models.DateField(null=True, blank=True)
    notes = models.TextField(max_length=1000, blank=True)

    class Meta:
        ordering = ["ring", "kind", "label", "id"]
        constraints = [
            models.UniqueConstraint(
                Lower("label"),
                "person",
                condition=models.Q(deleted_at__isnull=True),
                name="one_live_network_member_per_label",
            ),
            models.CheckConstraint(
                condition=models.Q(ring__gte=1, ring__lte=4), name="ring_1_to_4"
            ),
        ]

    def __str__(self) -> str:
        return self.label

    def as_tie(self) -> Tie:
        return Tie(
            key=self.pk,
            label=self.label,
            kind=self.kind,
            ring=self.ring,
            gives=frozenset(self.gives),
            receives=frozenset(self.receives),
            frequency=self.frequency,
        )


class NetworkSnapshot(Versioned):
    """The network as it was on a review date, kept as it was: later changes never alter it."""

    audit_type = RecordType.NETWORK_SNAPSHOT

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="network_snapshots")
    taken_on = models.DateField("Date of the review", default=timezone.localdate)
    note = models.TextField("What you noticed together", max_length=2000, blank=True)
    ties = models.JSONField(default=list)
    # Kept with the ties, so that figures across many people are counted by the database.
    size = models.PositiveIntegerField(default=0, editable=False)
    unpaid = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["-taken_on", "-id"]
        indexes = [models.Index(fields=["person", "taken_on"], name="networks_snapshot_person_on")]

    def save(self, *args, **kwargs):
        found = figures(self.as_ties())
        self.size, self.unpaid = found.size, found.unpaid
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "size", "unpaid"}
        super().save(*args, **kwargs)

    def __str__(self) -> str:
        return f"Network on {self.taken_on:%d %b %Y}"

    def as_ties(self) -> list[Tie]:
        return ties_from_json(self.ties)


def ties_from_json(raw: list[dict]) -> list[Tie]:
    """The ties of a snapshot, as stored in its JSON."""
    return [
        Tie(
            key=t["key"],
            label=t["label"],
            kind=t["kind"],
            ring=t["ring"],
            gives=frozenset(t.get("gives", [])),
            receives=frozenset(t.get("receives", [])),
            frequency=t.get("frequency", ""),
        )
        for t in raw
    ]
