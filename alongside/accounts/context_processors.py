from django.urls import reverse


def navigation(request):
    """The header navigation for the signed-in user's role."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items = []
    if user.works_with_people:
        items += [
            ("My day", reverse("people:my_day"), "my_day"),
            ("Introductions", reverse("introductions:inbox"), "introductions"),
            ("People", reverse("people:list"), "people"),
            ("Connections", reverse("connections:team"), "connections"),
            ("Community", reverse("communities:home"), "community"),
            ("Reviews due", reverse("outcomes:due"), "due"),
            ("Directory", reverse("directory:search"), "directory"),
        ]
    if user.is_manager:
        items += [
            ("Team", reverse("people:team"), "team"),
            ("Audit trail", reverse("audit:trail"), "audit"),
        ]
    if user.sees_figures:
        items.append(("Impact", reverse("impact:dashboard"), "impact"))
    if user.is_staff:
        items.append(("Administration", reverse("admin:index"), "admin"))
    current = request.path
    return {
        "nav_items": [
            {"label": label, "url": url, "active": current.startswith(url)}
            for label, url, _ in items
        ]
    }
