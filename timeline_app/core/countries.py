"""Countries by ISO 3166-1 alpha-2 code, with English and French names (from pycountry).

Former countries that diplomatic history still needs (USSR, Yugoslavia, East Germany...) are
included under their ISO 3166-3 alpha-2 codes where those codes are not reused today.
"""

from __future__ import annotations

import gettext
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True, slots=True)
class Country:
    code: str
    name_en: str
    name_fr: str

    def name(self, lang: str = "en") -> str:
        return self.name_fr if lang == "fr" else self.name_en


# Common names where the ISO name is formal or awkward in running text.
_COMMON_NAMES_EN = {
    "BO": "Bolivia",
    "CD": "Democratic Republic of the Congo",
    "FM": "Micronesia",
    "IR": "Iran",
    "KP": "North Korea",
    "KR": "South Korea",
    "LA": "Laos",
    "MD": "Moldova",
    "PS": "Palestine",
    "RU": "Russia",
    "SY": "Syria",
    "TW": "Taiwan",
    "TZ": "Tanzania",
    "VA": "Holy See (Vatican City)",
    "VE": "Venezuela",
    "VN": "Vietnam",
    "SU": "Soviet Union",
    "YU": "Yugoslavia",
    "DD": "East Germany",
    "CS": "Czechoslovakia",
    "ZR": "Zaire",
}
_COMMON_NAMES_FR = {
    "BO": "Bolivie",
    "CD": "République démocratique du Congo",
    "FM": "Micronésie",
    "IR": "Iran",
    "KP": "Corée du Nord",
    "KR": "Corée du Sud",
    "MD": "Moldavie",
    "PS": "Palestine",
    "RU": "Russie",
    "SY": "Syrie",
    "TW": "Taïwan",
    "TZ": "Tanzanie",
    "VA": "Saint-Siège (Vatican)",
    "VE": "Venezuela",
    "VN": "Viêt Nam",
    "SU": "Union soviétique",
    "YU": "Yougoslavie",
    "DD": "Allemagne de l'Est",
    "CS": "Tchécoslovaquie",
    "ZR": "Zaïre",
    "US": "États-Unis",
    "GB": "Royaume-Uni",
}
# Other names people and datasets use for a country.
_ALIASES = {
    "vatican": "VA",
    "vatican city": "VA",
    "holy see": "VA",
    "kirghizstan": "KG",
    "ussr": "SU",
    "urss": "SU",
    "burma": "MM",
    "czech republic": "CZ",
    "ivory coast": "CI",
    "macedonia": "MK",
    "swaziland": "SZ",
    "west germany": "DE",
    "great britain": "GB",
    "britain": "GB",
    "england": "GB",
    "united states": "US",
    "united states of america": "US",
    "usa": "US",
    "korea, south": "KR",
    "korea, north": "KP",
    "south korea": "KR",
    "north korea": "KP",
    "turkey": "TR",
    "cape verde": "CV",
    "east timor": "TL",
    "the bahamas": "BS",
    "the gambia": "GM",
    "congo, democratic republic of the": "CD",
    "congo, republic of the": "CG",
    # Older and informal names found in historical datasets (the Office of the Historian's).
    "federal republic of germany": "DE",
    "german democratic republic": "DD",
    "union of soviet socialist republics": "SU",
    "serbia and montenegro": "RS",
    "south vietnam": "VN",
    "north vietnam": "VD",
    "palestinian territories": "PS",
    "persia": "IR",
    "siam": "TH",
    "ceylon": "LK",
    "rhodesia": "RH",
    "upper volta": "HV",
    "ottoman empire": "TR",
    "austria-hungary": "AT",
    "newfoundland": "CA",
    "hawaii": "US",
    "kingdom of hawaii": "US",
    "brunei": "BN",
    "kampuchea": "KH",
    "yemen arab republic": "YE",
    "the netherlands": "NL",
    "holland": "NL",
}
_HISTORIC_CODES = ("SU", "YU", "DD", "CS", "ZR", "VD", "YD", "DY", "HV", "RH", "NH", "BU", "TP")
_EXTRA = {"XK": ("Kosovo", "Kosovo")}


def fold(text: str) -> str:
    """Lower case without accents, for matching names typed in any spelling."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold().strip()


@cache
def all_countries() -> dict[str, Country]:
    """Every known country by code, current ones first."""
    import pycountry  # noqa: PLC0415 - its data loads only when a name is asked for

    french = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    french_old = gettext.translation("iso3166-3", pycountry.LOCALES_DIR, languages=["fr"])
    result: dict[str, Country] = {}
    for entry in pycountry.countries:
        name = _COMMON_NAMES_EN.get(entry.alpha_2, getattr(entry, "common_name", entry.name))
        name_fr = _COMMON_NAMES_FR.get(entry.alpha_2, french.gettext(entry.name))
        result[entry.alpha_2] = Country(entry.alpha_2, name, name_fr)
    for entry in pycountry.historic_countries:
        code = entry.alpha_2
        if code in _HISTORIC_CODES and code not in result:
            name = _COMMON_NAMES_EN.get(code, entry.name)
            name_fr = _COMMON_NAMES_FR.get(code, french_old.gettext(entry.name))
            result[code] = Country(code, name, name_fr)
    for code, (en, fr) in _EXTRA.items():
        result.setdefault(code, Country(code, en, fr))
    return result


def get(code: str) -> Country | None:
    return all_countries().get(code.strip().upper())


def name(code: str, lang: str = "en") -> str:
    """The country's name, or the code itself when it is unknown."""
    country = get(code)
    return country.name(lang) if country else code


@cache
def _name_index() -> dict[str, str]:
    import pycountry  # noqa: PLC0415 - its data loads only when a name is asked for

    index: dict[str, str] = dict(_ALIASES)
    for entry in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(entry, attr, None)
            if value:
                index.setdefault(fold(value), entry.alpha_2)
    for country in all_countries().values():
        index.setdefault(fold(country.name_en), country.code)
        index.setdefault(fold(country.name_fr), country.code)
        index.setdefault(fold(french_name(country.code)), country.code)
    return index


@cache
def french_name(code: str) -> str:
    """The official French ISO name (``Russie, Fédération de``), for matching only."""
    import pycountry  # noqa: PLC0415 - its data loads only when a name is asked for

    french = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    entry = pycountry.countries.get(alpha_2=code)
    return french.gettext(entry.name) if entry else ""


def _variants(text: str) -> Iterator[str]:
    """The ways a dataset may write a name: as is, without a bracketed note ("Democratic
    Republic of the Congo (Zaire)"), inverted ("Germany, Federal Republic of"), "St." spelled
    out."""
    yield text
    bare = re.sub(r"\s*\([^)]*\)", "", text).strip()
    yield bare
    head, comma, tail = bare.partition(",")
    if comma:
        yield f"{tail.strip()} {head.strip()}"
    yield re.sub(r"\bSt\.?\s", "Saint ", bare)


def find(text: str) -> Country | None:
    """A country from its code or its English or French name, in any case or accents."""
    text = text.strip()
    if len(text) == 2 and text.isalpha():
        return get(text)
    index = _name_index()
    for candidate in _variants(text):
        code = index.get(fold(candidate))
        if code:
            return all_countries()[code]
    return None
