"""Finding a time zone from what people type or share."""

import pytest

from coach.emergency_numbers import emergency_number
from coach.timezones import COMMON_ZONES, canonical_zone, is_zone, zone_from_location, zone_from_text


@pytest.mark.parametrize(
    ("typed", "zone"),
    [
        ("Europe/Berlin", "Europe/Berlin"),
        ("berlin", "Europe/Berlin"),
        ("München", "Europe/Berlin"),
        ("Manchester", "Europe/London"),
        ("new york", "America/New_York"),
        ("Germany", "Europe/Berlin"),
        ("UK", "Europe/London"),
        ("India", "Asia/Kolkata"),
        ("São Paulo", "America/Sao_Paulo"),
    ],
)
def test_typed_places(typed, zone):
    assert zone_from_text(typed).zone == zone


def test_a_country_with_several_zones_asks_for_a_city():
    answer = zone_from_text("USA")
    assert answer.zone is None and answer.several_zones and answer.place == "United States"


@pytest.mark.parametrize("typed", ["", "xyzzy qwerty", "x" * 500])
def test_unknown_places(typed):
    assert zone_from_text(typed).zone is None


def test_locations():
    assert zone_from_location(51.5072, -0.1276) == "Europe/London"
    assert zone_from_location(-33.87, 151.21) == "Australia/Sydney"


def test_the_short_list_is_all_real_zones():
    assert all(is_zone(zone) for zone, _ in COMMON_ZONES)


@pytest.mark.parametrize(
    ("typed", "zone", "number"),
    [
        ("posix/America/New_York", "America/New_York", "911"),  # a copy of the database, not a place
        ("right/Europe/London", "Europe/London", "999"),
        ("US/Eastern", "America/New_York", "911"),  # a link to the real zone
        ("Asia/Calcutta", "Asia/Kolkata", "112"),
        ("Mars/Olympus_Mons", None, None),
    ],
)
def test_typed_zone_names_become_the_canonical_zone_and_its_countrys_number(typed, zone, number):
    assert canonical_zone(typed) == zone
    if zone is not None:
        assert emergency_number(zone) == number
