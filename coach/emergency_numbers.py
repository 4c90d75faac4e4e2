"""The emergency phone number for a person's country, from their IANA time zone.

The zone's country comes from Babel's CLDR data (``zone_territories``, with
``zone_aliases`` for old names such as "Asia/Calcutta"). Numbers are for an
ambulance; 112 is the fallback because most mobile networks route it.
"""

from __future__ import annotations

from collections.abc import Mapping

from babel.core import get_global

DEFAULT = "112"  # EU-wide, and routed by most mobile networks elsewhere

NUMBERS: dict[str, str] = {
    # UK and Crown dependencies
    "GB": "999",
    "IM": "999",
    "JE": "999",
    "GG": "999",
    # North America and US territories
    "US": "911",
    "CA": "911",
    "PR": "911",
    "GU": "911",
    "VI": "911",
    "AS": "911",
    "MP": "911",
    "MX": "911",
    # Asia-Pacific
    "AU": "000",
    "NZ": "111",
    "IN": "112",
    "JP": "119",
    "KR": "119",
    "TW": "119",
    "CN": "120",
    "HK": "999",
    "MO": "999",
    "SG": "995",
    "MY": "999",
    "PH": "911",
    "TH": "1669",
    "VN": "115",
    "PK": "1122",
    "BD": "999",
    # Latin America
    "BR": "192",
    "CL": "131",
    "CO": "123",
    # Middle East and Africa
    "IL": "101",
    "AE": "998",
    "SA": "997",
    "EG": "123",
    # Ireland takes 112 and 999; 112 also works across the rest of Europe.
    "IE": "112",
}

_TERRITORIES: Mapping[str, str] = get_global("zone_territories")
_ALIASES: Mapping[str, str] = get_global("zone_aliases")
_BY_LOWER: dict[str, str] = {zone.lower(): zone for zone in [*_TERRITORIES, *_ALIASES]}


def emergency_number(timezone: str | None) -> str:
    """Emergency number for the country of an IANA time zone ("Europe/London" -> "999")."""
    if not timezone:
        return DEFAULT
    zone = _BY_LOWER.get(timezone.strip().lower(), "")
    territory = _TERRITORIES.get(_ALIASES.get(zone, zone))
    return NUMBERS.get(territory or "", DEFAULT)
