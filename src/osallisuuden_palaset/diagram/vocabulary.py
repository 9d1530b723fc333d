"""The words diagrams use themselves (legends, badges, notes) in Finnish, English and Swedish."""

from __future__ import annotations

from osallisuuden_palaset.messages.labels import LabelTable

#: The diagram's own word for a key in a language: ``word("legend", "en")``. Names of enum values
#: (roles, modalities, strengths, block kinds, flow kinds) come from ``labels.value_label``, so a
#: diagram calls them what reports, the command line and docs/glossary.md call them.
word = LabelTable(
    {
        "legend": ("Selite", "Legend", "Teckenförklaring"),
        "dimensions": ("Osa-alueet", "Dimensions", "Delområden"),
        "inclusion": ("sisältää toimintamallin", "includes a practice", "innehåller en verksamhetsmodell"),
        "reuse": ("uudelleenkäyttö", "reuse", "återanvändning"),
        "strength": ("Vahvuus", "Strength", "Styrka"),
        "no_evidence": ("väite ilman näyttöä", "claim without evidence", "påstående utan belägg"),
        "reused_from": ("uudelleenkäytetty: ", "reused from ", "återanvänd från "),
        "unresolved": ("ei löydy: ", "not found: ", "hittas inte: "),
        "included_practice": (
            "sisällytetty toimintamalli",
            "included practice",
            "inkluderad verksamhetsmodell",
        ),
        "gap": ("aukko: kukaan ei väitä", "gap: nobody claims it", "lucka: ingen påstår det"),
        "unknown_framework": ("tuntematon viitekehys: ", "unknown framework: ", "okänd referensram: "),
        "group_size": ("ryhmäkoko: ", "group size: ", "gruppstorlek: "),
        "duration": ("kesto: ", "duration: ", "längd: "),
        "parts": ("osat: ", "parts: ", "delar: "),
        "used_by": ("käytössä: ", "used by: ", "används av: "),
        "standalone": ("Ilman hanketta", "No project", "Utan projekt"),
        "empty": ("(ei palasia)", "(no building blocks)", "(inga byggstenar)"),
    }
)
