"""Who uses Alongside, and where they work: users, roles, areas and teams."""

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from alongside.validation import postcode_parts


class Team(models.Model):
    """A group of areas with a manager, e.g. "North locality"."""

    name = models.CharField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Area(models.Model):
    """A small named locality a coordinator is based in, typically one or two wards."""

    name = models.CharField(max_length=100, unique=True)
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="areas")
    postcode_districts = models.TextField(
        "postcodes",
        blank=True,
        help_text="Postcode districts, sectors or full postcodes in this area, separated by "
        "commas (for example: LS6 1, LS6 2, LS7, LS8 1AB). Used to suggest the area from an "
        "address, and to find it by postcode on the public pages (the most exact wins: a full "
        "postcode listed for another area is that area's).",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        try:
            self.postcode_districts = ", ".join(postcode_parts(self.postcode_districts))
        except ValueError as error:
            raise ValidationError({"postcode_districts": str(error)}) from None

    def postcode_prefixes(self) -> list[str]:
        return [p.strip().upper() for p in self.postcode_districts.split(",") if p.strip()]


class Role(models.TextChoices):
    COORDINATOR = "coordinator", "Local Area Coordinator"
    MANAGER = "manager", "Manager"
    COMMISSIONER = "commissioner", "Commissioner"
    ADMINISTRATOR = "administrator", "Administrator"


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create(self, email, password, **fields):
        if not email:
            raise ValueError("An email address is needed to sign in.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **fields):
        fields.setdefault("is_staff", False)
        fields.setdefault("is_superuser", False)
        return self._create(email, password, **fields)

    def create_superuser(self, email, password=None, **fields):
        fields.update(is_staff=True, is_superuser=True, role=Role.ADMINISTRATOR)
        return self._create(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """Someone who signs in: a coordinator, manager, commissioner or administrator.

    Coordinators work in ``areas``; managers look after every area of their ``teams``.
    Commissioners see aggregate figures only; administrators manage users, areas and
    vocabularies and see no person records.
    """

    email = models.EmailField(unique=True)
    full_name = models.CharField(max_length=150)
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.COORDINATOR)
    areas = models.ManyToManyField(Area, blank=True, related_name="coordinators")
    teams = models.ManyToManyField(Team, blank=True, related_name="managers")
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(
        default=False, help_text="May use the administration site (users, areas, vocabularies)."
    )
    date_joined = models.DateTimeField(default=timezone.now)
    my_day_seen_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="When they last opened My day."
    )
    # What the public see of a coordinator on their area's page, if they choose
    # (accounts.profile): a photo (a small JPEG, made from what they uploaded) and a few words.
    public_photo = models.BinaryField(blank=True, default=b"", editable=False)
    public_about = models.CharField(
        "A few words about you",
        max_length=300,
        blank=True,
        help_text="Shown beside your name on your area's public page",
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def is_coordinator(self) -> bool:
        return self.role == Role.COORDINATOR

    @property
    def is_manager(self) -> bool:
        return self.role == Role.MANAGER

    @property
    def is_commissioner(self) -> bool:
        return self.role == Role.COMMISSIONER

    @property
    def sees_figures(self) -> bool:
        """Commissioners and managers see aggregate figures (small numbers hidden)."""
        return self.role in (Role.COMMISSIONER, Role.MANAGER)

    @property
    def works_with_people(self) -> bool:
        """Coordinators and managers see person records; nobody else does."""
        return self.role in (Role.COORDINATOR, Role.MANAGER)
