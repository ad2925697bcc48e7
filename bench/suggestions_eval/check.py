"""Check eval_set.json (the hand-labelled suggestions evaluation set) and print its counts.

    python3 bench/suggestions_eval/check.py [path/to/eval_set.json]

Standard library only. Hard errors (exit status 1): the file does not load, an id is repeated
or missing, a field has the wrong shape or a value outside the vocabularies the app uses, a
person has fewer than five good matches, a label has no reason, a good match is inactive.
The vocabularies are read from the app's own source (the GiftTerm migration, the demo
directory's taxonomy, OpportunityKind) when it is there, so a renamed term shows up here.

Soft warnings (printed, not failures): a good match that a plain field filter would reject
(further than travel_km, no shared day or time of day, outside the age range, not free for
someone who needs free). A coordinator's judgement can rightly override a field, for example
transport that collects you from your door; each warning should be one of those.
"""

import ast
import json
import math
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent  # the repository
DAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
TIMES = {"morning", "afternoon", "evening"}

# Used only if the app's source cannot be read.
FALLBACK_KINDS = {
    "volunteering",
    "leading",
    "starting",
    "sharing_a_skill",
    "helping_a_neighbour",
    "steering",
}
# Categories this set uses beyond the demo directory's taxonomy (see README.md), with the
# demo's broad term each would sit under.
EXTRA_CATEGORIES = {
    "Dance": "Activities",
    "Reading and writing": "Activities",
    "Nature and conservation": "Activities",
    "Local history": "Activities",
    "Repair and reuse": "Activities",
    "Social clubs": "Company",
    "Faith groups": "Company",
    "Women's groups": "Company",
    "LGBTQ+ groups": "Company",
    "New arrivals": "Company",
    "Bereavement": "Health and care",
    "Physical health": "Health and care",
    "Learning disabilities": "Health and care",
    "Disability and access": "Health and care",
    "Hearing and sight": "Health and care",
    "Drugs and alcohol": "Health and care",
    "Getting about": "Health and care",
    "Jobs and skills": "Learning",
    "Adult learning": "Learning",
    "Children's activities": "Families",
    "Housing and home": "Money",
    "Volunteering": "Getting involved (new broad term)",
    "Community action": "Getting involved (new broad term)",
}
POSTCODE = re.compile(r"^LS\d{1,2} \d[A-Z]{2}$")

errors: list[str] = []
warnings: list[str] = []


def error(message):
    errors.append(message)


def literal_assignment(path: Path, name: str):
    """The literal value assigned to a module-level name in a Python file, or None."""
    try:
        tree = ast.parse(path.read_text())
    except (OSError, SyntaxError):
        return None
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in node.targets
        ):
            try:
                return ast.literal_eval(node.value)
            except ValueError:
                return None
    return None


def gift_terms():
    terms = literal_assignment(
        ROOT / "alongside/people/migrations/0002_gift_vocabulary.py", "TERMS"
    )
    if not terms:
        sys.exit(
            "cannot read the GiftTerm vocabulary from "
            "alongside/people/migrations/0002_gift_vocabulary.py"
        )
    return {name: kind for kind, names in terms.items() for name in names}


def demo_categories():
    taxonomy = literal_assignment(ROOT / "alongside/demo/directory.py", "TAXONOMY")
    if not taxonomy:
        sys.exit("cannot read the demo taxonomy from alongside/demo/directory.py")
    return set(taxonomy) | {name for narrower in taxonomy.values() for name in narrower}


def opportunity_kinds():
    try:
        source = (ROOT / "alongside/connections/models.py").read_text()
    except OSError:
        return FALLBACK_KINDS
    block = re.search(r"class OpportunityKind\(.*?\):\n((?:    .*\n)+)", source)
    if not block:
        return FALLBACK_KINDS
    kinds = set(re.findall(r'=\s*"([a-z_]+)"', block[1])) - {"other"}
    return kinds or FALLBACK_KINDS


def km(a, b):
    la1, lo1, la2, lo2 = map(
        math.radians, (a["latitude"], a["longitude"], b["latitude"], b["longitude"])
    )
    h = (
        math.sin((la2 - la1) / 2) ** 2
        + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    )
    return 6371 * 2 * math.asin(math.sqrt(h))


def check_place(where, item):
    if not isinstance(item.get("postcode"), str) or not POSTCODE.match(item["postcode"]):
        error(f"{where}: postcode {item.get('postcode')!r} is not a full LS postcode")
    lat, lon = item.get("latitude"), item.get("longitude")
    if not (isinstance(lat, (int, float)) and isinstance(lon, (int, float))):
        error(f"{where}: latitude and longitude must be numbers")
    elif not (53.70 <= lat <= 54.00 and -1.75 <= lon <= -1.30):
        error(f"{where}: {lat}, {lon} is not in Leeds")


def check_words(where, values, allowed, what):
    if not isinstance(values, list):
        error(f"{where}: {what} must be a list")
        return
    for value in values:
        if value not in allowed:
            error(f"{where}: unknown {what} {value!r}")


def main():
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "eval_set.json"
    data = json.loads(path.read_text())
    gifts = gift_terms()
    demo = demo_categories()
    categories = demo | set(EXTRA_CATEGORIES)
    kinds = opportunity_kinds()

    if data.get("version") != 1:
        error("version must be 1")
    resources, people = data.get("resources", []), data.get("people", [])

    by_id = {}
    for r in resources:
        rid = r.get("id")
        where = f"resource {rid}"
        if not isinstance(rid, str) or not re.fullmatch(r"r\d{3}", rid):
            error(f"{where}: id must look like r001")
        if rid in by_id:
            error(f"{where}: id used twice")
        by_id[rid] = r
        for field in ("name", "description", "organisation"):
            if not isinstance(r.get(field), str) or not r[field].strip():
                error(f"{where}: {field} is empty")
        if r.get("kind") not in ("service", "opportunity"):
            error(f"{where}: kind must be service or opportunity")
        check_words(where, r.get("categories"), categories, "category")
        if not r.get("categories"):
            error(f"{where}: no categories")
        check_place(where, r)
        if not isinstance(r.get("free"), bool):
            error(f"{where}: free must be true or false")
        elif not r["free"] and not r.get("cost"):
            error(f"{where}: not free but says no cost")
        check_words(where, r.get("days"), DAYS, "day")
        check_words(where, r.get("times"), TIMES, "time")
        low, high = r.get("min_age"), r.get("max_age")
        for age in (low, high):
            if age is not None and not isinstance(age, int):
                error(f"{where}: ages must be whole numbers or null")
        if isinstance(low, int) and isinstance(high, int) and low > high:
            error(f"{where}: min_age above max_age")
        if r.get("kind") == "opportunity":
            if r.get("opportunity_kind") not in kinds:
                error(
                    f"{where}: opportunity_kind {r.get('opportunity_kind')!r} "
                    f"is not one of {sorted(kinds)}"
                )
            check_words(where, r.get("gifts_needed"), gifts, "gift")
        else:
            if r.get("opportunity_kind") is not None or r.get("gifts_needed"):
                error(f"{where}: a service has no opportunity_kind or gifts_needed")
        if not isinstance(r.get("active"), bool):
            error(f"{where}: active must be true or false")

    seen_people = set()
    ever_good, ever_poor = Counter(), Counter()
    for p in people:
        pid = p.get("id")
        where = f"person {pid}"
        if not isinstance(pid, str) or not re.fullmatch(r"p\d\d", pid):
            error(f"{where}: id must look like p01")
        if pid in seen_people:
            error(f"{where}: id used twice")
        seen_people.add(pid)
        for field in ("name", "what_matters", "vision"):
            if not isinstance(p.get(field), str) or not p[field].strip():
                error(f"{where}: {field} is empty")
        if not isinstance(p.get("age"), int) or not 16 <= p["age"] <= 110:
            error(f"{where}: age must be a whole number")
        check_place(where, p)
        check_words(where, p.get("gifts"), gifts, "gift")
        check_words(where, p.get("interests"), gifts, "interest")
        check_words(where, p.get("available_days"), DAYS, "day")
        check_words(where, p.get("available_times"), TIMES, "time")
        if not isinstance(p.get("free_only"), bool):
            error(f"{where}: free_only must be true or false")
        if not isinstance(p.get("travel_km"), (int, float)) or p["travel_km"] <= 0:
            error(f"{where}: travel_km must be a positive number")
        good, poor = p.get("good_matches", []), p.get("poor_matches", [])
        if len(good) < 5:
            error(f"{where}: {len(good)} good matches, fewer than 5")
        if not 3 <= len(poor) <= 6:
            warnings.append(f"{where}: {len(poor)} poor matches (aim for 3 to 6)")
        if len(set(good)) != len(good) or len(set(poor)) != len(poor):
            error(f"{where}: a match is listed twice")
        if set(good) & set(poor):
            error(f"{where}: {sorted(set(good) & set(poor))} both good and poor")
        if set(p.get("why", {})) != set(good):
            error(f"{where}: 'why' must give a reason for each good match, and only those")
        if set(p.get("why_not", {})) != set(poor):
            error(f"{where}: 'why_not' must give a reason for each poor match, and only those")
        for rid, reason in {**p.get("why", {}), **p.get("why_not", {})}.items():
            if not isinstance(reason, str) or not reason.strip():
                error(f"{where}: empty reason for {rid}")
        for rid in good + poor:
            if rid not in by_id:
                error(f"{where}: {rid} is not a resource")
        ever_good.update(good)
        ever_poor.update(poor)
        for rid in good:
            r = by_id.get(rid)
            if r is None or not all(
                isinstance(x.get(k), (int, float))
                for x in (p, r)
                for k in ("latitude", "longitude")
            ):
                continue
            if not r["active"]:
                error(f"{where}: good match {rid} is no longer active")
            notes = []
            distance = km(p, r)
            if distance > p["travel_km"]:
                notes.append(f"{distance:.1f} km away, travels {p['travel_km']:g} km")
            if r["days"] and not set(r["days"]) & set(p["available_days"]):
                notes.append("on none of their days")
            if r["times"] and not set(r["times"]) & set(p["available_times"]):
                notes.append("at none of their times of day")
            if (r["min_age"] is not None and p["age"] < r["min_age"]) or (
                r["max_age"] is not None and p["age"] > r["max_age"]
            ):
                notes.append("outside the age range")
            if p["free_only"] and not r["free"]:
                notes.append("not free")
            if notes:
                warnings.append(f"{where} good match {rid} ({r['name']}): {'; '.join(notes)}")

    if errors:
        print(f"{len(errors)} problem(s):")
        for message in errors:
            print("  ", message)

    services = [r for r in resources if r.get("kind") == "service"]
    opportunities = [r for r in resources if r.get("kind") == "opportunity"]
    never_good = [r for r in resources if r.get("id") not in ever_good]
    unlabelled = [r for r in never_good if r.get("id") not in ever_poor]
    districts = Counter(str(r.get("postcode", "")).split(" ")[0] for r in resources)
    used = Counter(c for r in resources for c in r.get("categories", []))
    ages = [p["age"] for p in people if isinstance(p.get("age"), int)]

    print(
        f"resources: {len(resources)}  services: {len(services)}  opportunities: "
        f"{len(opportunities)} ({len(opportunities) / max(len(resources), 1):.0%})  "
        f"inactive: {sum(1 for r in resources if r.get('active') is False)}"
    )
    print("opportunity kinds:", dict(Counter(r.get("opportunity_kind") for r in opportunities)))
    print(
        f"people: {len(people)}  ages {min(ages, default=0)}-{max(ages, default=0)}  "
        f"good labels: {sum(ever_good.values())}  poor labels: {sum(ever_poor.values())}"
    )
    print(
        f"good matches a person: {min((len(p.get('good_matches', [])) for p in people), default=0)}"
        f"-{max((len(p.get('good_matches', [])) for p in people), default=0)}  "
        f"poor a person: {min((len(p.get('poor_matches', [])) for p in people), default=0)}"
        f"-{max((len(p.get('poor_matches', [])) for p in people), default=0)}"
    )
    print(
        f"resources a good match for someone: {len(ever_good)}  for nobody (distractors): "
        f"{len(never_good)}  labelled for nobody at all: {len(unlabelled)}"
    )
    print(
        "postcode districts:", dict(sorted(districts.items(), key=lambda kv: (len(kv[0]), kv[0])))
    )
    outside = sorted(c for c in used if c not in demo)
    print(
        f"categories used: {len(used)} ({len(used) - len(outside)} from the demo taxonomy); "
        f"not in the demo: {', '.join(outside)}"
    )
    if warnings:
        print(f"{len(warnings)} warning(s) for a coordinator to confirm:")
        for message in warnings:
            print("  ", message)
    if len(never_good) < 200:
        print(f"note: only {len(never_good)} distractors; the brief asks for at least 200")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
