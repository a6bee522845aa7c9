"""The generated data files under reader/assist/data/, read once and cached."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources


def _text(name: str) -> str:
    return resources.files("reader.assist").joinpath("data", name).read_text(encoding="utf-8")


@cache
def calendar() -> dict[str, list[str]]:
    """Month and weekday names: keys gregorian, hijri, weekdays (see scripts/make_assist_data.py)."""
    data: dict[str, list[str]] = json.loads(_text("calendar.json"))
    return data


@cache
def places() -> dict[str, str]:
    """Place name -> kind (country, region, city), from CLDR and GeoNames."""
    return _table("places.tsv")


@cache
def places_extra() -> dict[str, str]:
    """Hand-written place names -> kind: short forms, regions, seas, Palestinian cities."""
    return _table("places_extra.tsv")


def _table(name: str) -> dict[str, str]:
    rows: dict[str, str] = {}
    for line in _text(name).splitlines():
        if line and not line.startswith("#"):
            name, _, kind = line.partition("\t")
            rows[name] = kind
    return rows
