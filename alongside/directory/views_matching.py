"""One listing per thing, for administrators only (``matching.py``): what each category from
another directory is shown as, confirmed once; and the listings shown as another's, kept
apart where they are not the same thing."""

import uuid

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from alongside.accounts.access import SignedInRequest, administrators_only

from . import matching, queries
from .forms_import import KEEP_OWN, CategoryMapForm
from .models import Service, TaxonomyTerm

PAGE_SIZE = 25


def _ours() -> list[tuple[str, str]]:
    found = queries.categories_shown_as_themselves().values_list("pk", "name", "source")
    return [(str(pk), f"{name} (from {source})" if source else name) for pk, name, source in found]


@administrators_only
def categories(request: SignedInRequest) -> HttpResponse:
    return _categories_page(request, refused=None)


def _categories_page(
    request: SignedInRequest, *, refused: tuple[uuid.UUID, CategoryMapForm] | None
) -> HttpResponse:
    ours = _ours()
    page = queries.page_of(queries.imported_categories(), request.GET.get("page"), PAGE_SIZE)
    rows = []
    for term in page.object_list:
        if refused and refused[0] == term.pk:
            form = refused[1]
        else:
            initial = str(term.same_as_id) if term.same_as_id else KEEP_OWN
            form = CategoryMapForm(ours=ours, prefix=str(term.pk), initial={"shown_as": initial})
        rows.append((term, form))
    return render(
        request,
        "directory/matching_categories.html",
        {"page": page, "rows": rows, "refused": refused[1] if refused else None},
    )


@require_POST
@administrators_only
def category_map(request: SignedInRequest, term_id: uuid.UUID) -> HttpResponse:
    term = TaxonomyTerm.objects.filter(pk=term_id).exclude(source="").first()
    if term is None:
        raise Http404("No such category from another directory")
    data = request.POST.copy()
    if "shown_as" in data:  # sent without the row's prefix (a single form)
        data[f"{term.pk}-shown_as"] = str(data.get("shown_as", ""))
    form = CategoryMapForm(data, ours=_ours(), prefix=str(term.pk))
    if not form.is_valid():
        return _categories_page(request, refused=(term.pk, form))
    chosen = form.cleaned_data["shown_as"]
    shown_as = None if chosen == KEEP_OWN else TaxonomyTerm.objects.get(pk=chosen)
    matching.category_map(user=request.user, term=term, shown_as=shown_as)
    messages.success(
        request,
        f"“{term.name}” is shown as “{shown_as.name}”"
        if shown_as
        else f"“{term.name}” is a category of its own",
    )
    return redirect("directory_import:categories")


@administrators_only
def duplicates(request: SignedInRequest) -> HttpResponse:
    page = queries.page_of(queries.listed_twice(), request.GET.get("page"), PAGE_SIZE)
    return render(request, "directory/matching_duplicates.html", {"page": page})


def _imported(service_id: uuid.UUID) -> Service:
    found = queries.service_get(service_id)
    if found is None:
        raise Http404("No such community resource")
    return found


@require_POST
@administrators_only
def keep_apart(request: SignedInRequest, service_id: uuid.UUID) -> HttpResponse:
    service = _imported(service_id)
    matching.listing_keep_apart(service=service)
    messages.success(request, f"{service.name} ({service.source}) is shown as a listing of its own")
    return redirect("directory_import:duplicates")


@require_POST
@administrators_only
def match_again(request: SignedInRequest, service_id: uuid.UUID) -> HttpResponse:
    service = _imported(service_id)
    matching.listing_join_again(service=service)
    messages.success(request, f"{service.name} ({service.source}) is matched again")
    return redirect("directory_import:duplicates")
