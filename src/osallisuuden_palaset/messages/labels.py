"""User-visible labels of field names, values and report headings: English, translated in the catalogue."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Final

import attrs

from osallisuuden_palaset.messages.catalogue import msg, say_in, table_entry
from osallisuuden_palaset.messages.text import FALLBACK, LANGS, Lang, Text

#: One label in Finnish, English and Swedish; an empty string means "not translated". The tables
#: here are in the catalogue instead (:class:`LabelTable`); :func:`pick` is for words given in all three.
Variants = tuple[str, str, str]


def pick(variants: Variants, lang: Lang) -> str:
    """``variants`` in ``lang``, falling back to Finnish, then English, then Swedish ("" if none)."""
    own = variants[LANGS.index(lang)]
    if own:
        return own
    return next((variants[LANGS.index(other)] for other in FALLBACK if variants[LANGS.index(other)]), "")


@attrs.frozen
class LabelTable:
    """A table of labels, key → English, whose Finnish and Swedish are in the message catalogue.

    Build it from marked entries, ``_label = LabelTable.of(table_entry("mine.title", "Title"),
    prefix="mine.")``, then call it: ``_label("title", lang)``. Each entry is a catalogue message
    with the context ``prefix + key`` (``msgctxt`` in the .po files), so the same English word can
    have different translations in different tables; an untranslated one is shown in English.
    """

    #: Key → English (the msgid).
    entries: Mapping[str, str]
    #: What a key's message context begins with: the context of ``key`` is ``prefix + key``.
    prefix: str = ""

    @classmethod
    def of(cls, *entries: tuple[str, str], prefix: str = "") -> LabelTable:
        """The table of ``entries``, each ``table_entry(prefix + key, English)``.

        Raises:
            ValueError: an entry's context does not begin with ``prefix``, or two entries share a key.
        """
        table: dict[str, str] = {}
        for context, english in entries:
            key = context.removeprefix(prefix)
            if not context.startswith(prefix) or key in table:
                raise ValueError(
                    msg(
                        "label table entry {context}: not a new key under {prefix}",
                        context=repr(context),
                        prefix=repr(prefix),
                    )
                )
            table[key] = english
        return cls(table, prefix)

    def __call__(self, key: str, lang: Lang) -> str:
        """The label for ``key`` in ``lang`` (``KeyError`` for an unknown key: a programming error)."""
        return say_in(lang, self.prefix + key, self.entries[key])

    def text(self, key: str) -> Text:
        """The label for ``key`` as a Text in every language."""
        fi, en, sv = (self(key, lang) for lang in LANGS)
        return Text(fi=fi, en=en, sv=sv)


#: Every label's key and English; the catalogue translates each, its key as the message context.
#: Field keys follow Innokylä's names for a practice description; value keys are "<enum>.<value>"
#: (role, modality, strength, flow, block_kind, answer_status, provenance, level, rating, severity,
#: framework_kind, origin): the one place that names the model's enum values.
_LABELS: Final = LabelTable.of(
    # Innokylä basic information (perustiedot), in Innokylä's order.
    table_entry("basic_information", "Basic information"),
    table_entry("name", "Name"),
    table_entry("summary", "Short description"),
    table_entry("location", "Where implemented"),
    table_entry("municipality", "Municipality"),
    table_entry("region", "Region"),
    table_entry("wellbeing_county", "Wellbeing services county"),
    table_entry("funder", "Funder"),
    table_entry("collection", "Collection"),
    table_entry("authors", "Authors"),
    table_entry("created", "Created"),
    table_entry("modified", "Modified"),
    table_entry("keywords", "Keywords"),
    table_entry("framework", "Framework"),
    # Innokylä description (kuvaus).
    table_entry("description", "Description"),
    table_entry("basic_idea", "Basic idea of the solution"),
    table_entry("environment", "Operating environment"),
    table_entry("target_group", "Target group and client insight"),
    table_entry("implementation", "Conditions for working and adoption"),
    table_entry("attachments", "Attachments"),
    # Development path (kehittämisen polku).
    table_entry("development", "Development path"),
    table_entry("needs", "Needs"),
    table_entry("intended_change", "Intended change"),
    table_entry("measuring_change", "Measuring the change"),
    table_entry("co_development", "Co-development"),
    table_entry("evaluation", "Evaluation in brief"),
    table_entry("outcomes", "Intended outcomes"),
    table_entry("indicators", "Indicators"),
    table_entry("understand", "Understand (Oivalla ja ymmärrä)"),
    table_entry("imagine_and_try", "Imagine and try (Kuvittele ja kokeile)"),
    table_entry("describe_and_share", "Describe and share (Kuvaa ja jaa)"),
    table_entry("baseline", "Baseline"),
    table_entry("indicator_target", "Target"),
    table_entry("indicator_level", "Level"),
    table_entry("frequency", "Frequency"),
    table_entry("ages", "Ages"),
    table_entry("target_criteria", "Who belongs to it"),
    table_entry("variants", "Variants"),
    table_entry("differs", "What differs"),
    table_entry("resources", "Resources and materials"),
    table_entry("innokyla", "Innokylä page"),
    table_entry("rationale", "Why"),
    table_entry("organisational", "organisational step (done by staff)"),
    table_entry("waived", "waived"),
    # Steps (palaset) and their fields.
    table_entry("steps", "Building blocks"),
    table_entry("step", "Building block"),
    table_entry("flow", "Flow"),
    table_entry("phases", "Phases"),
    table_entry("kind", "Kind"),
    table_entry("participants", "Participants"),
    table_entry("modality", "Modality"),
    table_entry("remote_participation", "Remote participation"),
    table_entry("group_size", "Group size"),
    table_entry("duration", "Duration"),
    table_entry("mappings", "Mappings to the framework"),
    table_entry("parts", "Parts"),
    table_entry("reused_from", "Reused block"),
    table_entry("included_practice", "Included practice"),
    table_entry("note", "Note"),
    table_entry("unresolved", "not found"),
    table_entry("strength", "Strength"),
    table_entry("evidence", "Evidence"),
    table_entry("to", "next"),
    table_entry("practice_id", "Practice (id)"),
    table_entry("step_id", "Step (id)"),
    table_entry("block_id", "Block (id)"),
    # Evaluation appendix (arviointiliite).
    table_entry("evaluation_appendix", "Evaluation appendix"),
    table_entry("dimension", "Dimension"),
    table_entry("principle", "Principle"),
    table_entry("principles", "Principles"),
    table_entry("claimed_by", "Blocks that claim it"),
    table_entry("no_claims", "No block claims this."),
    table_entry("questions", "Guiding questions"),
    table_entry("question", "Guiding question"),
    table_entry("answer", "Answer"),
    table_entry("provenance", "Source"),
    table_entry("unknown_framework", "The framework is not registered."),
    table_entry("verdict", "Verdict"),
    table_entry("claims_on_dimension", "Blocks that claim the dimension itself"),
    table_entry("no_evidence", "no evidence given"),
    table_entry("criteria", "Criteria"),
    table_entry("criterion", "Criterion"),
    table_entry("rating", "Light"),
    table_entry("reason", "Reason"),
    table_entry("answered_questions", "Answered guiding questions"),
    table_entry("unanswered_questions", "Unanswered guiding questions"),
    table_entry("all_answered", "Every guiding question is answered."),
    table_entry("findings", "Findings of the checks"),
    table_entry("no_findings", "The checks found nothing to remark on."),
    table_entry(
        "checks_not_run", "No checks were run for this report (palaset export and palaset build run them)."
    ),
    table_entry("finding", "Finding"),
    table_entry("check", "Check"),
    table_entry("severity", "Severity"),
    table_entry("where", "Location"),
    table_entry("suggestion", "Suggestion"),
    table_entry("origin", "Origin"),
    table_entry("section", "Section"),
    table_entry("claim", "Claim"),
    table_entry("framework_id", "Framework (id)"),
    table_entry("item_id", "Id"),
    table_entry("flow_diagram", "The flow of the practice"),
    table_entry(
        "diagram_missing",
        "The diagram is missing: Graphviz's dot program is not installed (apt-get install graphviz).",
    ),
    table_entry("diagram_failed", "Drawing the diagram failed"),
    table_entry("open_diagram", "open the diagram full size"),
    table_entry("diagram_warning", "Graphviz warned"),
    table_entry(
        "survey_chart_omitted",
        "The chart is left out: palaset build writes it as an SVG file beside the report.",
    ),
    # Projects and collections.
    table_entry("project", "Project"),
    table_entry("projects", "Projects"),
    table_entry("practice", "Practice"),
    table_entry("practices", "Practices"),
    table_entry("catalogues", "Catalogues"),
    table_entry("code", "Project code"),
    table_entry("period", "Period"),
    table_entry("organisation", "Organisation"),
    table_entry("partners", "Partners"),
    table_entry("website", "Website"),
    table_entry("contents", "Contents"),
    table_entry("generated_by", "Made with osallisuuden-palaset"),
    table_entry("reused", "reused"),
    table_entry("included", "included"),
    # The summary at the top of a practice's report, and the details for whoever edits the files.
    table_entry("in_short", "In short"),
    table_entry("top_findings", "Look at these first"),
    table_entry("for_editors", "For the person who edits the model files: where each finding is"),
    # Printable cards (the cards format).
    table_entry("cards", "Cards"),
    table_entry("card_what", "What happens"),
    table_entry("card_who", "Who takes part, and how"),
    table_entry("card_claims", "What it claims"),
    # The dashboard: the first page of a project or collection.
    table_entry("dashboard", "At a glance"),
    table_entry("coverage_matrix", "How each practice covers the framework"),
    table_entry("matrix_key", "Key"),
    table_entry("covering", "Practices that cover it"),
    table_entry("nobody_covers", "Principles no practice covers"),
    table_entry("everything_covered", "Every principle is covered by at least one practice."),
    table_entry("most_reused", "Most reused blocks"),
    table_entry("uses", "Uses"),
    table_entry("no_reuse", "No block or practice is reused twice or more."),
    table_entry("survey_results", "Survey results"),
    table_entry("frameworks_not_installed", "Frameworks that are not installed (no table for them)"),
    # Roles.
    table_entry("role.target", "target"),
    table_entry("role.informed", "informed"),
    table_entry("role.consulted", "consulted"),
    table_entry("role.participant", "participant"),
    table_entry("role.co_developer", "co-developer"),
    # Translators: the model has one role for lived experience: a peer (vertainen) brings it,
    # as a peer supporter, a peer instructor or an expert by experience (kokemusasiantuntija) alike.
    table_entry("role.peer", "peer"),
    table_entry("role.leader", "leader"),
    table_entry("role.staff", "staff"),
    table_entry("role.partner", "partner"),
    # Modality.
    table_entry("modality.in_person", "in person"),
    table_entry("modality.remote", "remote"),
    table_entry("modality.hybrid", "hybrid"),
    table_entry("modality.outreach", "outreach"),
    # Evidence kinds.
    table_entry("evidence_kind.participant_feedback", "participant feedback"),
    table_entry("evidence_kind.evaluation", "evaluation"),
    table_entry("evidence_kind.observation", "observation"),
    table_entry("evidence_kind.document", "document"),
    # Indicator levels.
    table_entry("indicator_level.individual", "individual"),
    table_entry("indicator_level.unit", "unit"),
    table_entry("indicator_level.area", "area"),
    # Joins and choices in the flow.
    table_entry("wait.all", "waits for all"),
    table_entry("wait.any", "waits for any"),
    table_entry("choose.one", "choose exactly one"),
    table_entry("choose.one_or_more", "choose at least one"),
    # Strength.
    table_entry("strength.weak", "weak"),
    table_entry("strength.moderate", "moderate"),
    table_entry("strength.strong", "strong"),
    # Flow kinds.
    table_entry("flow.sequence", "in sequence"),
    table_entry("flow.parallel", "in parallel"),
    table_entry("flow.optional", "optional"),
    table_entry("flow.loop_back", "loop back"),
    # Block kinds.
    table_entry("block_kind.activity", "activity"),
    table_entry("block_kind.method", "method"),
    table_entry("block_kind.tool", "tool"),
    table_entry("block_kind.role", "role"),
    table_entry("block_kind.space", "space"),
    table_entry("block_kind.step", "step"),
    # Answer status.
    table_entry("answer_status.open", "open"),
    table_entry("answer_status.draft", "draft"),
    table_entry("answer_status.answered", "answered"),
    table_entry("answer_status.missing", "no answer"),
    # Coverage verdicts (docs/assessment.md).
    table_entry("level.covered", "covered"),
    table_entry("level.touched", "touched"),
    table_entry("level.unsupported", "no evidence"),
    table_entry("level.not_claimed", "not claimed"),
    # Traffic lights of criteria (reports show a coloured dot beside the word).
    table_entry("rating.green", "green"),
    table_entry("rating.yellow", "yellow"),
    table_entry("rating.red", "red"),
    table_entry("rating.none", "rate by hand"),
    # Severity of findings.
    table_entry("severity.error", "error"),
    table_entry("severity.warning", "warning"),
    table_entry("severity.info", "info"),
    # Kinds of framework.
    table_entry("framework_kind.categorical", "categorical"),
    table_entry("framework_kind.ordinal", "ordinal"),
    table_entry("framework_kind.checklist", "checklist"),
    # Where a claim comes from.
    table_entry("origin.own", "own"),
    table_entry("origin.reused", "reused"),
    table_entry("origin.included", "included"),
    # Provenance of guiding questions.
    table_entry("provenance.paraphrase", "paraphrase"),
    table_entry("provenance.written", "written for this program"),
    table_entry("provenance.official", "official wording"),
)
#: Key → English of every label (:func:`label` gives it in a language).
LABELS: Final[Mapping[str, str]] = _LABELS.entries

#: Shorter forms of the same terms for diagram cards, where the full label would crowd the card: each
#: is the beginning of its full label (``lähi`` for ``lähitoiminta``); values not listed here use the
#: full label from LABELS.
_SHORT_LABELS: Final = LabelTable.of(
    table_entry("short.modality.in_person", "in person"),
    table_entry("short.modality.remote", "remote"),
    prefix="short.",
)
#: Key → English of the short labels (their context in the catalogue is ``short.<key>``).
SHORT_LABELS: Final[Mapping[str, str]] = _SHORT_LABELS.entries

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
    "EvidenceKind": "evidence_kind",
    "IndicatorLevel": "indicator_level",
    "Wait": "wait",
    "Choose": "choose",
}


def label(key: str, lang: Lang = "fi") -> str:
    """The label for ``key`` in ``lang`` (from the catalogue; an untranslated one is in English).

    Raises:
        KeyError: ``key`` has no label (a programming error, not a user's).
    """
    return _LABELS(key, lang) or key


def value_label(value: enum.Enum, lang: Lang = "fi", *, short: bool = False) -> str:
    """The label of an enum value of the model (a role, modality, strength, flow kind, ...).

    ``short`` gives the shorter name diagrams use on cards (:data:`SHORT_LABELS`) where there is one.
    """
    key = value_key(value)
    if short and key in SHORT_LABELS:
        return _SHORT_LABELS(key, lang)
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
    for table in (_LABELS, _SHORT_LABELS):
        for key in table.entries:
            group, _, value = key.partition(".")
            if group == prefix and any(table(key, lang).casefold() == wanted for lang in LANGS):
                return value
    return None
