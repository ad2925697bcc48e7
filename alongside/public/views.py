"""The public front door: what Local Area Coordination is, finding your coordinator by
postcode, each area's page. Open to anyone; nothing about any person is ever shown."""

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from alongside.accounts import views as account_views
from alongside.accounts.models import Area

from . import queries
from .forms import PostcodeForm


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
    }
