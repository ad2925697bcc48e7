"""The public front door: what Local Area Coordination is, finding your coordinator by
postcode, each area's page. Open to anyone; nothing about any person is ever shown."""

import uuid

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from alongside.accounts import views as account_views
from alongside.accounts.models import Area
from alongside.directory import queries as directory_queries
from alongside.directory import services as directory_services
from alongside.people import services as people_services
from alongside.people.feedback import invitation
from alongside.validation import record_id

from . import queries, services
from .forms import (
    CorrectionForm,
    FeedbackForm,
    PartnerIntroductionForm,
    PostcodeForm,
    PublicIntroductionForm,
    RobotTrapForm,
    SuggestionForm,
)


@login_not_required
def home(request: HttpRequest) -> HttpResponse:
    """Staff land where their work is; everyone else on the public home page."""
    if request.user.is_authenticated:
        return account_views.home(request)
    return render(request, "public/home.html", {"form": PostcodeForm()})


@login_not_required
def find_coordinator(request: HttpRequest) -> HttpResponse:
    """Your Local Area Coordinator, from your postcode (asked with GET, so a result can be
    bookmarked or shared)."""
    if "postcode" not in request.GET:
        return render(request, "public/find_coordinator.html", {"form": PostcodeForm()})
    form = PostcodeForm(request.GET)
    found = None
    if form.is_valid():
        try:
            found = queries.area_for_postcode(form.cleaned_data["postcode"])
        except ValueError as error:
            form.add_error("postcode", str(error))
    context = {"form": form, "found": found}
    if found and found.area:
        context |= _area(found.area)
    return render(request, "public/find_coordinator.html", context)


@login_not_required
def area(request: HttpRequest, area_id: int) -> HttpResponse:
    found = Area.objects.filter(pk=area_id).first()
    if found is None:
        raise Http404("No such area")
    return render(request, "public/area.html", {"area": found, **_area(found)})


def _area(area: Area) -> dict:
    return {
        "area": area,
        "coordinators": list(queries.coordinators_of(area)),
        "coverage": queries.coverage_of(area),
        "whats_on": list(queries.whats_on(area)[:20]),
    }


NOT_IN_AN_AREA = (
    "{postcode} is not in an area with a Local Area Coordinator yet. The community directory "
    "lists groups and services near it"
)


def _turned_away(request: HttpRequest, form: RobotTrapForm, *, thanks: str) -> HttpResponse | None:
    """The answer to a flood (the address sent ``services.PER_HOUR`` in the last hour: 429,
    kindly) or a robot (the hidden field filled: thanked, nothing kept); None for anyone else."""
    if services.submissions_exceeded(request):
        return render(request, "public/too_many.html", status=429)
    if form.is_a_robot:
        services.submission_record(request)
        return redirect(thanks)
    return None


@login_not_required
def introduce(request: HttpRequest) -> HttpResponse:
    """Introduce yourself, or someone else with their agreement: it arrives in the inbox of
    the area the postcode is in. At most ``services.PER_HOUR`` from one address an hour."""
    return _introduce(request, PublicIntroductionForm, "public/introduce.html")


@login_not_required
def introduce_partner(request: HttpRequest) -> HttpResponse:
    """A partner organisation introduces someone who agrees."""
    return _introduce(request, PartnerIntroductionForm, "public/introduce_partner.html")


def _introduce(request: HttpRequest, form_class, template: str) -> HttpResponse:
    if request.method != "POST":
        return render(request, template, {"form": form_class()})
    form = form_class(request.POST)
    if turned_away := _turned_away(request, form, thanks="public:introduced"):
        return turned_away
    area = None
    if form.is_valid():
        found = queries.area_for_postcode(form.cleaned_data["postcode"])
        area = found.area
        if area is None:
            form.add_error("postcode", NOT_IN_AN_AREA.format(postcode=found.postcode))
    if area is None:
        return render(request, template, {"form": form})
    services.submission_record(request)
    services.public_introduction_make(area=area, data=form.cleaned_data)
    return redirect(reverse("public:introduced") + f"?area={area.pk}")


@login_not_required
def introduced(request: HttpRequest) -> HttpResponse:
    chosen = record_id(request.GET.get("area"))
    area = Area.objects.filter(pk=chosen).first() if chosen else None
    return render(
        request, "public/introduced.html", {"area": area, **(_area(area) if area else {})}
    )


@login_not_required
def suggest(request: HttpRequest, service_id: uuid.UUID | None = None) -> HttpResponse:
    """Suggest something the community directory should list, or (``service_id``) say what
    is wrong with a listing. Suggestions wait for the team; a few an hour from one address."""
    service = None
    if service_id is not None:
        service = directory_queries.service_get(service_id)
        if service is None or service.status not in directory_queries.OPEN_STATUSES:
            raise Http404("No such community resource")
    form_class = CorrectionForm if service else SuggestionForm
    context: dict = {"service": service}
    if request.method != "POST":
        return render(request, "public/suggest.html", {**context, "form": form_class()})
    form = form_class(request.POST)
    if turned_away := _turned_away(request, form, thanks="public:suggested"):
        return turned_away
    if not form.is_valid():
        return render(request, "public/suggest.html", {**context, "form": form})
    services.submission_record(request)
    directory_services.suggestion_add(service=service, data=form.cleaned_data)
    return redirect("public:suggested")


@login_not_required
def suggested(request: HttpRequest) -> HttpResponse:
    return render(request, "public/suggested.html")


@login_not_required
def feedback(request: HttpRequest, signed: str) -> HttpResponse:
    """The two questions from the link in the "we have been in touch" email."""
    invited = invitation(signed)
    if invited is None:
        return render(request, "public/feedback_link.html", status=404)
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            people_services.introducer_feedback_add(
                invitation=invited,
                easy=form.cleaned_data["easy"],
                helped=form.cleaned_data["helped"],
            )
        except ValueError as error:
            return render(request, "public/feedback_given.html", {"already": str(error)})
        return redirect("public:feedback_given")
    return render(request, "public/feedback.html", {"form": form, "invitation": invited})


@login_not_required
def feedback_given(request: HttpRequest) -> HttpResponse:
    return render(request, "public/feedback_given.html")


@login_not_required
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "public/accessibility.html",
        {"site_name": settings.SITE_NAME, "contact_email": settings.CONTACT_EMAIL},
    )


@login_not_required
def photo(request: HttpRequest, user_id: int) -> HttpResponse:
    """A coordinator's photo, as on their area's page."""
    found = queries.coordinator_photo(user_id)
    if not found:
        raise Http404("No photo")
    response = HttpResponse(found, content_type="image/jpeg")
    response["Cache-Control"] = "public, max-age=3600"
    return response
