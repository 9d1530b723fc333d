"""User-visible labels of field names, values and report headings in Finnish, English and Swedish."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Final

import attrs

from osallisuuden_palaset.messages.text import FALLBACK, LANGS, Lang, Text

#: One label in Finnish, English and Swedish; an empty string means "not translated".
Variants = tuple[str, str, str]

#: Key → (fi, en, sv). Field keys follow Innokylä's names for a practice description; value keys
#: are "<enum>.<value>" (role, modality, strength, flow, block_kind, answer_status, provenance, level,
#: rating, severity, framework_kind, origin): the one place that names the model's enum values.
#: An empty string means "not translated": the label falls back to Finnish, then English.
LABELS: Final[Mapping[str, Variants]] = {
    # Innokylä basic information (perustiedot), in Innokylä's order.
    "basic_information": ("Perustiedot", "Basic information", "Grunduppgifter"),
    "name": ("Nimi", "Name", "Namn"),
    "summary": ("Lyhyt kuvaus", "Short description", "Kort beskrivning"),
    "location": ("Toteutuspaikka", "Where implemented", "Genomförandeplats"),
    "municipality": ("Kunta", "Municipality", "Kommun"),
    "region": ("Alue", "Region", "Område"),
    "wellbeing_county": ("Hyvinvointialue", "Wellbeing services county", "Välfärdsområde"),
    "funder": ("Rahoittaja", "Funder", "Finansiär"),
    "collection": ("Kokonaisuus", "Collection", "Helhet"),
    "authors": ("Tekijät", "Authors", "Upphovspersoner"),
    "created": ("Luotu", "Created", "Skapad"),
    "modified": ("Muokattu", "Modified", "Ändrad"),
    "keywords": ("Asiasanat", "Keywords", "Nyckelord"),
    "framework": ("Viitekehys", "Framework", "Referensram"),
    # Innokylä description (kuvaus).
    "description": ("Kuvaus", "Description", "Beskrivning"),
    "basic_idea": ("Ratkaisun perusidea", "Basic idea of the solution", "Lösningens grundidé"),
    "environment": ("Toimintaympäristö", "Operating environment", "Verksamhetsmiljö"),
    "target_group": (
        "Kohderyhmä ja asiakasymmärrys",
        "Target group and client insight",
        "Målgrupp och kundförståelse",
    ),
    "implementation": (
        "Toimivuuden ja käyttöönoton ehdot",
        "Conditions for working and adoption",
        "Villkor för funktion och ibruktagande",
    ),
    "attachments": ("Liitteet", "Attachments", "Bilagor"),
    # Development path (kehittämisen polku).
    "development": ("Kehittämisen polku", "Development path", "Utvecklingsvägen"),
    "needs": ("Tarpeet", "Needs", "Behov"),
    "intended_change": ("Tavoiteltu muutos", "Intended change", "Eftersträvad förändring"),
    "measuring_change": ("Muutoksen mittaaminen", "Measuring the change", "Mätning av förändringen"),
    "co_development": ("Yhteiskehittäminen", "Co-development", "Samutveckling"),
    "evaluation": ("Arviointi lyhyesti", "Evaluation in brief", "Utvärdering i korthet"),
    "outcomes": ("Tavoitellut muutokset", "Intended outcomes", "Eftersträvade resultat"),
    "indicators": ("Mittarit", "Indicators", "Indikatorer"),
    # Steps (palaset) and their fields.
    "steps": ("Palaset", "Building blocks", "Byggstenar"),
    "step": ("Palanen", "Building block", "Byggsten"),
    "flow": ("Kulku", "Flow", "Förlopp"),
    "phases": ("Vaiheet", "Phases", "Faser"),
    "kind": ("Tyyppi", "Kind", "Typ"),
    "participants": ("Osallistujat", "Participants", "Deltagare"),
    "modality": ("Toteutustapa", "Modality", "Genomförandesätt"),
    "remote_participation": ("Etäosallistuminen", "Remote participation", "Distansdeltagande"),
    "group_size": ("Ryhmäkoko", "Group size", "Gruppstorlek"),
    "duration": ("Kesto", "Duration", "Längd"),
    "mappings": ("Kytkennät viitekehykseen", "Mappings to the framework", "Kopplingar till referensramen"),
    "parts": ("Osat", "Parts", "Delar"),
    "reused_from": ("Uudelleenkäytetty palanen", "Reused block", "Återanvänd byggsten"),
    "included_practice": ("Sisällytetty toimintamalli", "Included practice", "Inkluderad verksamhetsmodell"),
    "note": ("Huomio", "Note", "Anmärkning"),
    "unresolved": ("ei löydy", "not found", "hittas inte"),
    "strength": ("Vahvuus", "Strength", "Styrka"),
    "evidence": ("Perustelu", "Evidence", "Belägg"),
    "to": ("seuraava", "next", "nästa"),
    "practice_id": ("Toimintamalli (id)", "Practice (id)", "Verksamhetsmodell (id)"),
    "step_id": ("Palanen (id)", "Step (id)", "Byggsten (id)"),
    "block_id": ("Osa (id)", "Block (id)", "Del (id)"),
    # Evaluation appendix (arviointiliite).
    "evaluation_appendix": ("Arviointiliite", "Evaluation appendix", "Utvärderingsbilaga"),
    "dimension": ("Osa-alue", "Dimension", "Delområde"),
    "principle": ("Periaate", "Principle", "Princip"),
    "principles": ("Periaatteet", "Principles", "Principer"),
    "claimed_by": ("Palaset, jotka tukevat tätä", "Blocks that claim it", "Byggstenar som stöder det"),
    "no_claims": (
        "Yksikään palanen ei kytkeydy tähän.",
        "No block claims this.",
        "Ingen byggsten stöder detta.",
    ),
    "questions": ("Apukysymykset", "Guiding questions", "Hjälpfrågor"),
    "question": ("Apukysymys", "Guiding question", "Hjälpfråga"),
    "answer": ("Vastaus", "Answer", "Svar"),
    "provenance": ("Lähde", "Source", "Källa"),
    "unknown_framework": (
        "Viitekehystä ei ole rekisteröity.",
        "The framework is not registered.",
        "Referensramen är inte registrerad.",
    ),
    "verdict": ("Arvio", "Verdict", "Bedömning"),
    "claims_on_dimension": (
        "Suoraan osa-alueeseen kytkeytyvät palaset",
        "Blocks that claim the dimension itself",
        "Byggstenar som stöder själva delområdet",
    ),
    "no_evidence": ("ei perustelua", "no evidence given", "inget belägg"),
    "criteria": ("Kriteerit", "Criteria", "Kriterier"),
    "criterion": ("Kriteeri", "Criterion", "Kriterium"),
    "rating": ("Valo", "Light", "Ljus"),
    "reason": ("Peruste", "Reason", "Grund"),
    "answered_questions": ("Vastatut apukysymykset", "Answered guiding questions", "Besvarade hjälpfrågor"),
    "unanswered_questions": (
        "Vastaamattomat apukysymykset",
        "Unanswered guiding questions",
        "Obesvarade hjälpfrågor",
    ),
    "all_answered": (
        "Kaikkiin apukysymyksiin on vastattu.",
        "Every guiding question is answered.",
        "Alla hjälpfrågor är besvarade.",
    ),
    "findings": ("Tarkistusten havainnot", "Findings of the checks", "Kontrollernas fynd"),
    "no_findings": (
        "Tarkistukset eivät löytäneet huomautettavaa.",
        "The checks found nothing to remark on.",
        "Kontrollerna hittade inget att anmärka på.",
    ),
    "checks_not_run": (
        "Tarkistuksia ei ajettu tätä raporttia tehtäessä (palaset export ja palaset build ajavat ne).",
        "No checks were run for this report (palaset export and palaset build run them).",
        "Inga kontroller kördes för denna rapport (palaset export och palaset build kör dem).",
    ),
    "finding": ("Havainto", "Finding", "Fynd"),
    "check": ("Tarkistus", "Check", "Kontroll"),
    "severity": ("Vakavuus", "Severity", "Allvarlighet"),
    "where": ("Sijainti", "Location", "Plats"),
    "suggestion": ("Ehdotus", "Suggestion", "Förslag"),
    "origin": ("Alkuperä", "Origin", "Ursprung"),
    "section": ("Osio", "Section", "Avsnitt"),
    "claim": ("Väite", "Claim", "Påstående"),
    "framework_id": ("Viitekehys (id)", "Framework (id)", "Referensram (id)"),
    "item_id": ("Tunniste", "Id", "Id"),
    "flow_diagram": ("Toimintamallin kulku", "The flow of the practice", "Verksamhetsmodellens flöde"),
    "diagram_missing": (
        "Kaavio puuttuu: Graphvizin dot-ohjelmaa ei ole asennettu (apt-get install graphviz).",
        "The diagram is missing: Graphviz's dot program is not installed (apt-get install graphviz).",
        "Diagrammet saknas: Graphviz-programmet dot är inte installerat (apt-get install graphviz).",
    ),
    "diagram_failed": (
        "Kaavion piirtäminen epäonnistui",
        "Drawing the diagram failed",
        "Diagrammet kunde inte ritas",
    ),
    "diagram_warning": ("Graphvizin varoitus", "Graphviz warned", "Varning från Graphviz"),
    "survey_chart_omitted": (
        "Kaavio jätettiin pois: palaset build kirjoittaa sen SVG-tiedostoksi raportin viereen.",
        "The chart is left out: palaset build writes it as an SVG file beside the report.",
        "Diagrammet utelämnades: palaset build skriver det som en SVG-fil bredvid rapporten.",
    ),
    # Projects and collections.
    "project": ("Hanke", "Project", "Projekt"),
    "projects": ("Hankkeet", "Projects", "Projekt"),
    "practice": ("Toimintamalli", "Practice", "Verksamhetsmodell"),
    "practices": ("Toimintamallit", "Practices", "Verksamhetsmodeller"),
    "catalogues": ("Palasluettelot", "Catalogues", "Kataloger"),
    "code": ("Hankekoodi", "Project code", "Projektkod"),
    "period": ("Toteutusaika", "Period", "Period"),
    "organisation": ("Organisaatio", "Organisation", "Organisation"),
    "partners": ("Kumppanit", "Partners", "Partner"),
    "website": ("Verkkosivu", "Website", "Webbplats"),
    "contents": ("Sisällys", "Contents", "Innehåll"),
    "generated_by": (
        "Tuotettu: osallisuuden-palaset",
        "Made with osallisuuden-palaset",
        "Skapad med osallisuuden-palaset",
    ),
    "reused": ("uudelleenkäytetty", "reused", "återanvänd"),
    "included": ("sisällytetty", "included", "inkluderad"),
    # Roles.
    "role.target": ("kohde", "target", "målgrupp"),
    "role.informed": ("tiedotettu", "informed", "informerad"),
    "role.consulted": ("kuultu", "consulted", "hörd"),
    "role.participant": ("osallistuja", "participant", "deltagare"),
    "role.co_developer": ("yhteiskehittäjä", "co-developer", "medutvecklare"),
    # The model has one role for lived experience: a peer (vertainen) brings it, as a peer supporter,
    # a peer instructor or an expert by experience (kokemusasiantuntija) alike.
    "role.peer": ("vertainen", "peer", "kamrat"),
    "role.leader": ("vetäjä", "leader", "ledare"),
    "role.staff": ("henkilöstö", "staff", "personal"),
    "role.partner": ("kumppani", "partner", "partner"),
    # Modality.
    "modality.in_person": ("lähitoiminta", "in person", "på plats"),
    "modality.remote": ("etätoiminta", "remote", "på distans"),
    "modality.hybrid": ("hybridi", "hybrid", "hybrid"),
    # Strength.
    "strength.weak": ("heikko", "weak", "svag"),
    "strength.moderate": ("kohtalainen", "moderate", "måttlig"),
    "strength.strong": ("vahva", "strong", "stark"),
    # Flow kinds.
    "flow.sequence": ("peräkkäin", "in sequence", "i följd"),
    "flow.parallel": ("rinnakkain", "in parallel", "parallellt"),
    "flow.optional": ("valinnainen", "optional", "valfri"),
    "flow.loop_back": ("paluu", "loop back", "tillbaka"),
    # Block kinds.
    "block_kind.activity": ("toiminta", "activity", "verksamhet"),
    "block_kind.method": ("menetelmä", "method", "metod"),
    "block_kind.tool": ("työkalu", "tool", "verktyg"),
    "block_kind.role": ("rooli", "role", "roll"),
    "block_kind.space": ("tila", "space", "rum"),
    "block_kind.step": ("vaihe", "step", "steg"),
    # Answer status.
    "answer_status.open": ("avoin", "open", "öppen"),
    "answer_status.draft": ("luonnos", "draft", "utkast"),
    "answer_status.answered": ("vastattu", "answered", "besvarad"),
    "answer_status.missing": ("vastaus puuttuu", "no answer", "svar saknas"),
    # Coverage verdicts (docs/assessment.md).
    "level.covered": ("katettu", "covered", "täckt"),
    "level.touched": ("kosketettu", "touched", "berörd"),
    "level.unsupported": ("ilman näyttöä", "no evidence", "utan belägg"),
    "level.not_claimed": ("ei väitetty", "not claimed", "inte påstådd"),
    # Traffic lights of criteria (reports show a coloured dot beside the word).
    "rating.green": ("vihreä", "green", "grön"),
    "rating.yellow": ("keltainen", "yellow", "gul"),
    "rating.red": ("punainen", "red", "röd"),
    "rating.none": ("arvioitava itse", "rate by hand", "bedöms för hand"),
    # Severity of findings.
    "severity.error": ("virhe", "error", "fel"),
    "severity.warning": ("varoitus", "warning", "varning"),
    "severity.info": ("tieto", "info", "info"),
    # Kinds of framework.
    "framework_kind.categorical": ("luokitteleva", "categorical", "kategorisk"),
    "framework_kind.ordinal": ("järjestysasteikko", "ordinal", "ordinal"),
    "framework_kind.checklist": ("tarkistuslista", "checklist", "checklista"),
    # Where a claim comes from.
    "origin.own": ("oma", "own", "egen"),
    "origin.reused": ("uudelleenkäytetty", "reused", "återanvänd"),
    "origin.included": ("sisällytetty", "included", "inkluderad"),
    # Provenance of guiding questions.
    "provenance.paraphrase": ("mukaelma", "paraphrase", "parafras"),
    "provenance.written": (
        "tätä ohjelmaa varten laadittu",
        "written for this program",
        "skriven för detta program",
    ),
    "provenance.official": ("virallinen sanamuoto", "official wording", "officiell formulering"),
}

#: Shorter forms of the same terms for diagram cards, where the full label would crowd the card: each
#: is the beginning of its full label (``lähi`` for ``lähitoiminta``); values not listed here use the
#: full label from LABELS.
SHORT_LABELS: Final[Mapping[str, Variants]] = {
    "modality.in_person": ("lähi", "in person", "på plats"),
    "modality.remote": ("etä", "remote", "på distans"),
}

#: Which enum class uses which key prefix.
_ENUM_PREFIX: Final = {
    "Role": "role",
    "Modality": "modality",
    "Strength": "strength",
    "FlowKind": "flow",
    "BlockKind": "block_kind",
    "AnswerStatus": "answer_status",
    "ProvenanceKind": "provenance",
    "Level": "level",
    "Rating": "rating",
    "Severity": "severity",
    "Origin": "origin",
    "FrameworkKind": "framework_kind",
}


def pick(variants: Variants, lang: Lang) -> str:
    """``variants`` in ``lang``, falling back to Finnish, then English, then Swedish ("" if none)."""
    own = variants[LANGS.index(lang)]
    if own:
        return own
    return next((variants[LANGS.index(other)] for other in FALLBACK if variants[LANGS.index(other)]), "")


@attrs.frozen
class LabelTable:
    """A module's own labels, key → (fi, en, sv), looked up like :func:`label`.

    Call it: ``_label = LabelTable({...})``, then ``_label("title", lang)``.
    """

    entries: Mapping[str, Variants]

    def __call__(self, key: str, lang: Lang) -> str:
        """The label for ``key`` in ``lang`` (``KeyError`` for an unknown key: a programming error)."""
        return pick(self.entries[key], lang)

    def text(self, key: str) -> Text:
        """The label for ``key`` as a Text in every language."""
        fi, en, sv = (self(key, lang) for lang in LANGS)
        return Text(fi=fi, en=en, sv=sv)


def label(key: str, lang: Lang = "fi") -> str:
    """The label for ``key`` in ``lang``, falling back to Finnish, then English.

    Raises:
        KeyError: ``key`` has no label (a programming error, not a user's).
    """
    return pick(LABELS[key], lang) or key


def value_label(value: enum.Enum, lang: Lang = "fi", *, short: bool = False) -> str:
    """The label of an enum value of the model (a role, modality, strength, flow kind, ...).

    ``short`` gives the shorter name diagrams use on cards (:data:`SHORT_LABELS`) where there is one.
    """
    key = value_key(value)
    if short and key in SHORT_LABELS:
        return pick(SHORT_LABELS[key], lang)
    return label(key, lang)


def value_key(value: enum.Enum) -> str:
    """The key of an enum value's label in :data:`LABELS`, e.g. ``"role.peer"``."""
    return f"{_ENUM_PREFIX[type(value).__name__]}.{value.value}"


def labels_for(lang: Lang) -> dict[str, str]:
    """Every label in ``lang`` (for templates)."""
    return {key: label(key, lang) for key in LABELS}


def value_for_label(cls: type[enum.Enum], word: str) -> str | None:
    """The value of ``cls`` whose label (full or short, in any language) is ``word``, ignoring case.

    So ``value_for_label(Strength, "Vahva")`` is ``"strong"``: a Finnish or Swedish term written
    where the model wants the value gets a hint naming the value to write. None when no label fits.
    """
    prefix = _ENUM_PREFIX.get(cls.__name__)
    wanted = word.strip().casefold()
    if prefix is None or not wanted:
        return None
    for table in (LABELS, SHORT_LABELS):
        for key, variants in table.items():
            group, _, value = key.partition(".")
            if group == prefix and any(v.casefold() == wanted for v in variants if v):
                return value
    return None
