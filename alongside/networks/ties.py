"""The vocabulary of a personal network, and ``Tie``: one person or group in someone's life,
as the metrics and the map see it (a live member or a row of a dated snapshot alike)."""

from dataclasses import dataclass, field

from django.db import models


class Kind(models.TextChoices):
    """The sectors of the map, in the order they are drawn clockwise from the top."""

    FAMILY = "family", "Family"
    FRIEND = "friend", "Friends"
    NEIGHBOUR = "neighbour", "Neighbours"
    WORK = "work", "Work or study"
    GROUP = "group", "Community groups"
    FAITH = "faith", "Faith"
    ONLINE = "online", "Online"
    PAID = "paid", "Paid workers and professionals"


class Ring(models.IntegerChoices):
    """How close the person feels: the rings of the map, from the centre out."""

    INNER = 1, "Inner circle"
    CLOSE = 2, "Close"
    AROUND = 3, "Around"
    FORMAL = 4, "Paid or formal"


class Flow(models.TextChoices):
    """What passes between the person and someone in their network, either way."""

    PRACTICAL = "practical", "Practical help"
    EMOTIONAL = "emotional", "Emotional support"
    INFORMATION = "information", "Information"
    COMPANY = "company", "Company"


class Frequency(models.TextChoices):
    DAILY = "daily", "Most days"
    WEEKLY = "weekly", "Every week"
    MONTHLY = "monthly", "Every month"
    LESS = "less", "Less often"


@dataclass(frozen=True)
class Tie:
    """One member of a network. ``key`` identifies the same member across snapshots."""

    key: int
    label: str
    kind: str  # a Kind value
    ring: int  # a Ring value
    gives: frozenset[str] = field(default_factory=frozenset)  # Flow values the person gives
    receives: frozenset[str] = field(default_factory=frozenset)  # Flow values they receive
    frequency: str = ""  # a Frequency value, or "" when not known
