"""Turn the hand-written source files into ../eval_set.json (a format conversion, nothing more).

Every resource, person and label is written by hand in resources_*.txt and people.txt; this
script only changes their layout into JSON, looks up each postcode's position in
positions.json and refuses anything it cannot read. It never decides or derives a label.

    python3 build.py                      # writes ../eval_set.json
    python3 build.py --positions ALL.json # first refresh positions.json from a bigger
                                          # {postcode: [lat, lon]} file (only the postcodes used)

Resource line (one a line, fields separated by " | "):
    id | kind | name | organisation | categories | postcode | cost | days | times | ages |
    gifts | description
  kind: "s" for a service, or an opportunity kind (volunteering, leading, starting,
        sharing_a_skill, helping_a_neighbour, steering); an id ending in "*" is no longer active.
  cost: "free", "free: what it says" (free, with a note such as donations welcome) or a price.
  days: mon tue … sun, or "-" for any/ongoing;  times: morning afternoon evening, or "-".
  ages: "-", "60+", "-25" or "16-25";  gifts (opportunities): "A; B" or "-".

People file: a block a person, a header line then keyed lines, "+ rNNN: why" for a good
match and "- rNNN: why not" for a tempting but poor one (see people.txt).
"""

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DAYS = {
    "mon": "monday",
    "tue": "tuesday",
    "wed": "wednesday",
    "thu": "thursday",
    "fri": "friday",
    "sat": "saturday",
    "sun": "sunday",
}
TIMES = {"morning", "afternoon", "evening"}
KINDS = {
    "volunteering",
    "leading",
    "starting",
    "sharing_a_skill",
    "helping_a_neighbour",
    "steering",
}


def fail(where, message):
    sys.exit(f"{where}: {message}")


def days_of(text, where):
    if text == "-":
        return []
    out = []
    for word in text.split():
        if word not in DAYS:
            fail(where, f"unknown day {word!r}")
        out.append(DAYS[word])
    return out


def times_of(text, where):
    if text == "-":
        return []
    words = text.split()
    for word in words:
        if word not in TIMES:
            fail(where, f"unknown time {word!r}")
    return words


def ages_of(text, where):
    if text == "-":
        return None, None
    if m := re.fullmatch(r"(\d+)\+", text):
        return int(m[1]), None
    if m := re.fullmatch(r"-(\d+)", text):
        return None, int(m[1])
    if m := re.fullmatch(r"(\d+)-(\d+)", text):
        return int(m[1]), int(m[2])
    fail(where, f"bad ages {text!r}")


def cost_of(text):
    if text == "free":
        return True, ""
    if text.startswith("free:"):
        return True, text[5:].strip()
    return False, text


def list_of(text):
    return [] if text.strip() == "-" else [part.strip() for part in text.split(";") if part.strip()]


def read_resources(positions):
    resources = []
    for path in sorted(HERE.glob("resources_*.txt")):
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            where = f"{path.name}:{number}"
            fields = [f.strip() for f in line.split(" | ")]
            if len(fields) != 12:
                fail(where, f"{len(fields)} fields, not 12")
            rid, kind, name, org, cats, postcode, cost, days, times, ages, gifts, desc = fields
            active = not rid.endswith("*")
            rid = rid.rstrip("*")
            if kind != "s" and kind not in KINDS:
                fail(where, f"unknown kind {kind!r}")
            if postcode not in positions:
                fail(where, f"postcode {postcode!r} not in positions.json")
            free, cost_text = cost_of(cost)
            min_age, max_age = ages_of(ages, where)
            lat, lon = positions[postcode]
            resources.append(
                {
                    "id": rid,
                    "kind": "service" if kind == "s" else "opportunity",
                    "name": name,
                    "description": desc,
                    "organisation": org,
                    "categories": list_of(cats),
                    "postcode": postcode,
                    "latitude": lat,
                    "longitude": lon,
                    "free": free,
                    "cost": cost_text,
                    "days": days_of(days, where),
                    "times": times_of(times, where),
                    "min_age": min_age,
                    "max_age": max_age,
                    "gifts_needed": list_of(gifts) if kind != "s" else [],
                    "opportunity_kind": None if kind == "s" else kind,
                    "active": active,
                }
            )
            if kind == "s" and gifts != "-":
                fail(where, "a service needs no gifts")
    return resources


HEADER = re.compile(r"^# (p\d\d) (.+?) \| (\d+) \| (LS\d+ \d[A-Z]{2})$")


def read_people(positions):
    people, person = [], None
    path = HERE / "people.txt"
    for number, line in enumerate(path.read_text().splitlines(), 1):
        where = f"people.txt:{number}"
        if not line.strip() or line.startswith("//"):
            continue
        if line.startswith("# "):
            m = HEADER.match(line)
            if not m:
                fail(where, "bad header")
            pid, name, age, postcode = m.groups()
            if postcode not in positions:
                fail(where, f"postcode {postcode!r} not in positions.json")
            lat, lon = positions[postcode]
            person = {
                "id": pid,
                "name": name,
                "age": int(age),
                "postcode": postcode,
                "latitude": lat,
                "longitude": lon,
                "what_matters": "",
                "vision": "",
                "gifts": [],
                "interests": [],
                "available_days": [],
                "available_times": [],
                "free_only": False,
                "travel_km": None,
                "good_matches": [],
                "why": {},
                "poor_matches": [],
                "why_not": {},
            }
            people.append(person)
            continue
        if person is None:
            fail(where, "text before the first person")
        if line.startswith(("+ ", "- ")):
            m = re.match(r"^([+-]) (r\d{3}): (.+)$", line)
            if not m:
                fail(where, "bad match line")
            sign, rid, reason = m.groups()
            if sign == "+":
                person["good_matches"].append(rid)
                person["why"][rid] = reason
            else:
                person["poor_matches"].append(rid)
                person["why_not"][rid] = reason
            continue
        key, _, value = line.partition(":")
        value = value.strip()
        if key == "matters":
            person["what_matters"] = value
        elif key == "vision":
            person["vision"] = value
        elif key == "gifts":
            person["gifts"] = list_of(value)
        elif key == "interests":
            person["interests"] = list_of(value)
        elif key == "days":
            person["available_days"] = days_of(value, where)
        elif key == "times":
            person["available_times"] = times_of(value, where)
        elif key == "free_only":
            if value not in ("yes", "no"):
                fail(where, "free_only is yes or no")
            person["free_only"] = value == "yes"
        elif key == "travel_km":
            person["travel_km"] = float(value)
        else:
            fail(where, f"unknown key {key!r}")
    return people


def used_postcodes():
    found = set()
    for path in HERE.glob("resources_*.txt"):
        for line in path.read_text().splitlines():
            if line.strip() and not line.startswith("#"):
                found.add(line.split(" | ")[5].strip())
    for line in (HERE / "people.txt").read_text().splitlines():
        if m := HEADER.match(line):
            found.add(m[4])
    return found


def main():
    if "--positions" in sys.argv:
        everything = json.loads(Path(sys.argv[sys.argv.index("--positions") + 1]).read_text())
        wanted = sorted(used_postcodes())
        missing = [p for p in wanted if p not in everything]
        if missing:
            sys.exit(f"not real postcodes: {', '.join(missing)}")
        (HERE / "positions.json").write_text(
            json.dumps({p: everything[p] for p in wanted}, indent=0) + "\n"
        )
    positions = json.loads((HERE / "positions.json").read_text())
    data = {
        "version": 1,
        "resources": read_resources(positions),
        "people": read_people(positions),
    }
    out = HERE.parent / "eval_set.json"
    out.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n")
    print(f"wrote {out}: {len(data['resources'])} resources, {len(data['people'])} people")


if __name__ == "__main__":
    main()
