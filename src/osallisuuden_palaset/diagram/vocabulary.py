"""The words diagrams use themselves (legends, badges, notes) in Finnish, English and Swedish."""

from __future__ import annotations

from osallisuuden_palaset.model.text import Lang

_WORDS: dict[str, tuple[str, str, str]] = {
    # key: (fi, en, sv)
    "legend": ("Selite", "Legend", "Teckenförklaring"),
    "dimensions": ("Osa-alueet", "Dimensions", "Delområden"),
    "edges": ("Nuolet", "Arrows", "Pilar"),
    "sequence": ("järjestys", "sequence", "ordningsföljd"),
    "parallel": ("rinnakkain", "parallel", "parallellt"),
    "optional": ("valinnainen", "optional", "valfri"),
    "loop_back": ("paluu", "loop back", "tillbaka"),
    "inclusion": ("sisältää toimintamallin", "includes a practice", "innehåller en modell"),
    "reuse": ("uudelleenkäyttö", "reuse", "återanvändning"),
    "weak": ("heikko", "weak", "svag"),
    "moderate": ("kohtalainen", "moderate", "måttlig"),
    "strong": ("vahva", "strong", "stark"),
    "strength": ("Vahvuus", "Strength", "Styrka"),
    "in_person": ("lähi", "in person", "på plats"),
    "remote": ("etä", "remote", "på distans"),
    "hybrid": ("hybridi", "hybrid", "hybrid"),
    "target": ("kohde", "target", "målgrupp"),
    "informed": ("tiedotettu", "informed", "informerad"),
    "consulted": ("kuultu", "consulted", "hörd"),
    "participant": ("osallistuja", "participant", "deltagare"),
    "co_developer": ("yhteiskehittäjä", "co-developer", "medutvecklare"),
    "peer": ("kokemusasiantuntija", "peer / expert by experience", "erfarenhetsexpert"),
    "leader": ("vetäjä", "leader", "ledare"),
    "staff": ("henkilöstö", "staff", "personal"),
    "partner": ("kumppani", "partner", "partner"),
    "activity": ("toiminta", "activity", "verksamhet"),
    "method": ("menetelmä", "method", "metod"),
    "tool": ("työkalu", "tool", "verktyg"),
    "role": ("rooli", "role", "roll"),
    "space": ("tila", "space", "plats"),
    "step": ("vaihe", "step", "steg"),
    "reused_from": ("uudelleenkäytetty: ", "reused from ", "återanvänd från "),
    "unresolved": ("ei löydy: ", "not found: ", "hittas inte: "),
    "included_practice": ("sisällytetty toimintamalli", "included practice", "inkluderad modell"),
    "gap": ("aukko: kukaan ei väitä", "gap: nobody claims it", "lucka: ingen gör anspråk"),
    "gaps": ("Aukot", "Gaps", "Luckor"),
    "unknown_framework": ("tuntematon viitekehys: ", "unknown framework: ", "okänt ramverk: "),
    "group_size": ("ryhmä: ", "group: ", "grupp: "),
    "duration": ("kesto: ", "duration: ", "längd: "),
    "parts": ("osat: ", "parts: ", "delar: "),
    "used_by": ("käytössä: ", "used by: ", "används av: "),
    "catalogues": ("Palaskirjastot", "Catalogues", "Kataloger"),
    "standalone": ("Ilman hanketta", "No project", "Utan projekt"),
    "claims": ("väite", "claim", "anspråk"),
    "blocks": ("Palaset", "Blocks", "Delar"),
    "empty": ("(ei vaiheita)", "(no steps)", "(inga steg)"),
}

_INDEX = {"fi": 0, "en": 1, "sv": 2}


def word(key: str, lang: Lang) -> str:
    """The diagram's own word for ``key`` in ``lang``."""
    return _WORDS[key][_INDEX[lang]]
