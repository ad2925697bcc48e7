"""Choosing what the dashboard counts: a team or an area, and a period."""

from datetime import date
from typing import cast

from django import forms
from django.db.models import QuerySet

from alongside.accounts.models import Area, Role, Team, User
from alongside.accounts.scoping import areas_for
from alongside.forms import GovukForm

from .figures import Scope
from .models import PriceIndex
from .periods import last_12_months

EARLIEST = date(2000, 1, 1)


def areas_to_choose(user: User) -> QuerySet[Area]:
    """Commissioners look across the whole programme; managers at their own teams."""
    if user.role == Role.COMMISSIONER:
        return Area.objects.all()
    return areas_for(user)


class DashboardForm(GovukForm):
    team = forms.ModelChoiceField(
        queryset=Team.objects.none(), required=False, empty_label="Every team"
    )
    area = forms.ModelChoiceField(
        queryset=Area.objects.none(), required=False, empty_label="Every area of the team"
    )
    start = forms.DateField(
        label="From",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter the first day as a date, like 1 April 2026"},
    )
    end = forms.DateField(
        label="To",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter the last day as a date, like 31 March 2027"},
    )
    prices = forms.ChoiceField(
        label="Money in the prices of",
        required=False,
        help_text="Costs and values from other years are put into this year's prices with the "
        "price index.",
        error_messages={"invalid_choice": "Choose a year the price index has"},
    )

    def __init__(self, *args, user: User, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.user = user
        areas = areas_to_choose(user)
        area, team = (cast(forms.ModelChoiceField, self.fields[n]) for n in ("area", "team"))
        area.queryset = areas.select_related("team").order_by("name")
        team.queryset = Team.objects.filter(areas__in=areas).distinct().order_by("name")
        if user.role != Role.COMMISSIONER:
            team.empty_label = "All your teams"
        self.choosable = areas
        years = PriceIndex.objects.order_by("-year").values_list("year", flat=True)
        cast(forms.ChoiceField, self.fields["prices"]).choices = [
            ("", "The year the period ends in"),
            *((y, y) for y in years),
        ]

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and start < EARLIEST:
            self.add_error("start", f"Enter a first day on or after {EARLIEST:%-d %B %Y}")
        if start and start > self.today:
            self.add_error("start", "Enter a first day that is today or before")
        if end and end > self.today:
            self.add_error("end", "Enter a last day that is today or before")
        if start and end and end < start:
            self.add_error("end", "Enter a last day on or after the first day")
        team, area = data.get("team"), data.get("area")
        if team and area and area.team_id != team.pk:
            self.add_error("area", f"{area.name} is not one of {team.name}'s areas")
        return data

    def every_area(self) -> bool:
        """Whether what is chosen is every area there is: a commissioner's, with no team or
        area chosen."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return self.user.role == Role.COMMISSIONER and not data.get("area") and not data.get("team")

    def chosen(self) -> tuple[QuerySet[Area], date, date]:
        """The areas and the period chosen (the last 12 months when none is given)."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        areas = self.choosable
        if data.get("area"):
            areas = areas.filter(pk=data["area"].pk)
        elif data.get("team"):
            areas = areas.filter(team=data["team"])
        start, end = last_12_months(self.today)
        start, end = data.get("start") or start, data.get("end") or end
        if start > end:
            start = end
        return areas, start, end

    def scope(self) -> Scope:
        """What the dashboard counts, as chosen: small numbers hidden for anyone but a
        manager (who may see every person in the areas they can choose)."""
        areas, start, end = self.chosen()
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return Scope(
            areas=areas,
            start=start,
            end=end,
            suppress=self.user.role != Role.MANAGER,
            every_area=self.every_area(),
            price_year=data.get("prices") or "",
        )
