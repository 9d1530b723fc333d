"""The words diagrams use themselves (legends, badges, notes) in Finnish, English and Swedish."""

from __future__ import annotations

from osallisuuden_palaset.messages.labels import LabelTable

#: The diagram's own word for a key in a language: ``word("legend", "en")``. Names of enum values
#: (roles, modalities, strengths, block kinds) come from ``labels.value_label(value, lang, short=True)``.
word = LabelTable(
    {
        "legend": ("Selite", "Legend", "Teckenförklaring"),
        "dimensions": ("Osa-alueet", "Dimensions", "Delområden"),
        "edges": ("Nuolet", "Arrows", "Pilar"),
        "sequence": ("järjestys", "sequence", "ordningsföljd"),
        "parallel": ("rinnakkain", "parallel", "parallellt"),
        "optional": ("valinnainen", "optional", "valfri"),
        "loop_back": ("paluu", "loop back", "tillbaka"),
        "inclusion": ("sisältää toimintamallin", "includes a practice", "innehåller en modell"),
        "reuse": ("uudelleenkäyttö", "reuse", "återanvändning"),
        "strength": ("Vahvuus", "Strength", "Styrka"),
        "no_evidence": ("väite ilman näyttöä", "claim without evidence", "påstående utan belägg"),
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
)
