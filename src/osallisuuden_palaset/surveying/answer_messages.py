"""What reading survey answers tells the user, in Finnish, English and Swedish: every message, once."""

from __future__ import annotations

from collections.abc import Iterable
from difflib import get_close_matches
from typing import Final

from osallisuuden_palaset.messages.labels import LabelTable, Variants
from osallisuuden_palaset.model.text import Lang

#: Key → (fi, en, sv); ``{name}`` fields are filled with ``str.format``.
MESSAGES: Final[dict[str, Variants]] = {
    # Reading the file.
    "too_big": (
        "tiedosto on suurempi kuin {limit} MiB (onko se laite tai putki, joka ei lopu?): "
        "anna kyselytyökalun vientitiedosto",
        "the file is larger than {limit} MiB (is it a device or a pipe that never ends?): "
        "give a survey tool's export file",
        "filen är större än {limit} MiB (är det en enhet eller ett rör som aldrig tar slut?): "
        "ge en exportfil från enkätverktyget",
    ),
    "unreadable": (
        "tiedostoa ei voi lukea: {error}",
        "cannot read the file: {error}",
        "filen kan inte läsas: {error}",
    ),
    "not_utf8": (
        "tiedosto ei ole UTF-8-tekstiä: tallenna tai vie se muodossa CSV UTF-8",
        "the file is not UTF-8 text: save or export it as CSV UTF-8",
        "filen är inte UTF-8-text: spara eller exportera den som CSV UTF-8",
    ),
    "needs_xlsx_plugin": (
        "Excel-tiedostojen ({suffix}) lukemiseen tarvitaan laajennus osallisuuden-palaset-xlsx "
        "(pip install osallisuuden-palaset-xlsx); tai tallenna taulukko muodossa CSV UTF-8",
        "reading Excel files ({suffix}) needs the plugin osallisuuden-palaset-xlsx "
        "(pip install osallisuuden-palaset-xlsx); or save the sheet as CSV UTF-8",
        "för att läsa Excel-filer ({suffix}) behövs tillägget osallisuuden-palaset-xlsx "
        "(pip install osallisuuden-palaset-xlsx); eller spara bladet som CSV UTF-8",
    ),
    "unreadable_format": (
        "{suffix}-tiedostoja ei voi lukea: tallenna taulukko muodossa .xlsx tai CSV UTF-8",
        "{suffix} files cannot be read: save the sheet as .xlsx or as CSV UTF-8",
        "{suffix}-filer kan inte läsas: spara bladet som .xlsx eller som CSV UTF-8",
    ),
    "reader_failed": (
        "lukija {reader} ei pystynyt lukemaan tiedostoa: {error}",
        "the {reader} reader could not read the file: {error}",
        "läsaren {reader} kunde inte läsa filen: {error}",
    ),
    "empty": (
        "tiedosto on tyhjä: ensimmäisen rivin pitää nimetä sarakkeet",
        "the file is empty: the first row must name the columns",
        "filen är tom: första raden måste namnge kolumnerna",
    ),
    "header_unreadable": (
        "otsikkoriviä ei voi lukea: {error}",
        "the header row cannot be read: {error}",
        "rubrikraden kan inte läsas: {error}",
    ),
    "rest_unreadable": (
        "tiedoston loppua ei voi lukea: {error}",
        "cannot read the rest of the file: {error}",
        "resten av filen kan inte läsas: {error}",
    ),
    "bad_delimiter": (
        "erottimen pitää olla yksi merkki, kuten ',' tai ';', ei {delimiter}",
        "the delimiter must be one character such as ',' or ';', not {delimiter}",
        "avgränsaren måste vara ett tecken som ',' eller ';', inte {delimiter}",
    ),
    "other_delimiter": (
        "otsikkorivi on yksi ainoa sarake, ja sen sarakkeet näyttävät olevan eroteltu merkillä {found}: "
        "anna --delimiter {found}",
        "the header row is one single column, and its columns seem to be separated by {found}: "
        "give --delimiter {found}",
        "rubrikraden är en enda kolumn, och dess kolumner verkar vara avgränsade med {found}: "
        "ge --delimiter {found}",
    ),
    # The header.
    "column_twice": (
        "sarake {column} on otsikkorivillä kahdesti",
        "the column {column} appears twice in the header",
        "kolumnen {column} finns två gånger på rubrikraden",
    ),
    "role.respondent": ("vastaajan tunniste", "respondent's pseudonym", "svarandens pseudonym"),
    "role.wave": ("mittauskerta", "wave", "mättillfället"),
    "role.date": ("päivämäärä", "date", "datumet"),
    "role.item": ("kysymys {item}", "item {item}", "fråga {item}"),
    "no_role_column": (
        "saraketta {column} ei ole ({role}{named}){hint}",
        "there is no column {column} for the {role}{named}{hint}",
        "det finns ingen kolumn {column} för {role}{named}{hint}",
    ),
    "named_at": (", nimetty kohdassa {origin}", ", named at {origin}", ", angiven på {origin}"),
    "no_respondent": (
        "vastaajan tunnisteelle ei löydy saraketta (tunniste, vastaaja, respondent, …): "
        "nimeä se saraketiedostossa (--columns FILE.yaml)",
        "no column for the respondent's pseudonym (tunniste, vastaaja, respondent, …): "
        "name it in a column file (--columns FILE.yaml)",
        "ingen kolumn för svarandens pseudonym (tunniste, svarande, respondent, …): "
        "ange den i en kolumnfil (--columns FILE.yaml)",
    ),
    "not_an_item": (
        "{item} ei ole mittarin {instrument} kysymys{named}{hint}",
        "{item} is not an item of {instrument}{named}{hint}",
        "{item} är inte en fråga i {instrument}{named}{hint}",
    ),
    "no_items": (
        "mittarin {instrument} kysymyksille {items} ei löydy saraketta{hint}: nimeä kysymyssarakkeet "
        "numerolla (k1, Q1, kysymys 1, 1.) tai saraketiedostossa (--columns FILE.yaml)",
        "no column for item(s) {items} of {instrument}{hint}: name the item columns by number "
        "(k1, Q1, kysymys 1, 1.) or in a column file (--columns FILE.yaml)",
        "ingen kolumn för fråga/frågor {items} i {instrument}{hint}: namnge frågekolumnerna med nummer "
        "(k1, Q1, fråga 1, 1.) eller i en kolumnfil (--columns FILE.yaml)",
    ),
    "item_twice": (
        "sarakkeet {first} ja {second} voisivat kumpikin olla kysymys {number} ({item}): "
        "kerro saraketiedostossa, kumpi (--columns FILE.yaml)",
        "the columns {first} and {second} could both be item {number} ({item}): "
        "say which in a column file (--columns FILE.yaml)",
        "kolumnerna {first} och {second} kan båda vara fråga {number} ({item}): "
        "ange vilken i en kolumnfil (--columns FILE.yaml)",
    ),
    "numbered_past": (
        "sarakkeet {columns} on numeroitu yli mittarin {instrument} {count} kysymyksen, joten numerot "
        "eivät kerro, mitkä ovat sen kysymykset: nimeä ne saraketiedostossa (--columns FILE.yaml)",
        "the columns {columns} are numbered past the {count} items of {instrument}, so their numbers "
        "do not say which are its items: name them in a column file (--columns FILE.yaml)",
        "kolumnerna {columns} är numrerade förbi de {count} frågorna i {instrument}, så numren säger "
        "inte vilka som är dess frågor: ange dem i en kolumnfil (--columns FILE.yaml)",
    ),
    "item_count": (
        "saraketiedosto luettelee {given} kysymyssaraketta, mutta mittarissa {instrument} on "
        "{count} kysymystä",
        "the column file lists {given} item columns but {instrument} has {count} items",
        "kolumnfilen listar {given} frågekolumner men {instrument} har {count} frågor",
    ),
    "same_column": (
        "sarake {column} on nimetty sekä kohteeksi {first} että {second}",
        "the column {column} is named both for {first} and for {second}",
        "kolumnen {column} är angiven både för {first} och för {second}",
    ),
    # Rows.
    "skipped": ("{message}; rivi ohitetaan", "{message}; the row is skipped", "{message}; raden hoppas över"),
    "too_many_cells": (
        "rivillä on {cells} solua, mutta otsikkorivillä on {width} saraketta",
        "the row has {cells} cells but the header names {width} columns",
        "raden har {cells} celler men rubrikraden har {width} kolumner",
    ),
    "cut_short": (
        "rivi on katkennut: siinä on vain {cells} otsikkorivin {width} sarakkeesta (se loppuu ennen "
        "saraketta {column})",
        "the row is cut short: it has only {cells} of the header's {width} columns (it ends before {column})",
        "raden är avbruten: den har bara {cells} av rubrikradens {width} kolumner (den slutar före {column})",
    ),
    "no_pseudonym": (
        "vastaajan tunniste puuttuu",
        "the respondent's pseudonym is empty",
        "svarandens pseudonym saknas",
    ),
    "follow_up_in_start": (
        "mittauskerraksi on merkitty seuranta, mutta tiedosto on annettu alkumittauksen vastauksina",
        "the wave is follow-up but this file is given as the start answers",
        "mättillfället är uppföljning men filen har getts som svaren vid början",
    ),
    "start_in_follow_up": (
        "mittauskerraksi on merkitty alkumittaus, mutta tiedosto on annettu seurannan vastauksina",
        "the wave is start but this file is given as the follow-up answers",
        "mättillfället är början men filen har getts som svaren vid uppföljningen",
    ),
    "duplicate": (
        "vastaaja {respondent} on jo vastannut rivillä {line}",
        "respondent {respondent} already answered on line {line}",
        "svarande {respondent} har redan svarat på rad {line}",
    ),
    "duplicate.start": (
        "vastaaja {respondent} on jo vastannut alkumittaukseen rivillä {line}",
        "respondent {respondent} already answered in the start wave on line {line}",
        "svarande {respondent} har redan svarat vid början på rad {line}",
    ),
    "duplicate.follow_up": (
        "vastaaja {respondent} on jo vastannut seurantaan rivillä {line}",
        "respondent {respondent} already answered in the follow-up wave on line {line}",
        "svarande {respondent} har redan svarat vid uppföljningen på rad {line}",
    ),
    "in_column": ("sarake {column}: {message}", "column {column}: {message}", "kolumn {column}: {message}"),
    "in_item_column": (
        "sarake {column} (kysymys {item}): {message}",
        "column {column} (item {item}): {message}",
        "kolumn {column} (fråga {item}): {message}",
    ),
    "not_on_scale": (
        "{cell} ei ole asteikolla {min}–{max}",
        "{cell} is not on the scale {min}–{max}",
        "{cell} finns inte på skalan {min}–{max}",
    ),
    "not_a_value": (
        "{cell} ei ole asteikon arvo ({min}–{max}) eikä sen vastausvaihtoehto{hint}",
        "{cell} is neither a scale value ({min}–{max}) nor one of its labels{hint}",
        "{cell} är varken ett värde på skalan ({min}–{max}) eller ett av dess svarsalternativ{hint}",
    ),
    "did_you_mean": ("; tarkoititko {choices}?", "; did you mean {choices}?", "; menade du {choices}?"),
    "or": (" vai ", " or ", " eller "),
    "not_a_wave": (
        "{cell} ei ole mittauskerta: kirjoita alku (start) tai seuranta (follow_up)",
        "{cell} is not a wave: write start (alku) or follow_up (seuranta)",
        "{cell} är inte ett mättillfälle: skriv start (början) eller follow_up (uppföljning)",
    ),
    "not_a_date": (
        "{cell} ei ole päivämäärä: kirjoita VVVV-KK-PP tai P.K.VVVV",
        "{cell} is not a date: write YYYY-MM-DD or D.M.YYYY",
        "{cell} är inte ett datum: skriv ÅÅÅÅ-MM-DD eller D.M.ÅÅÅÅ",
    ),
    "too_few_answers": (
        "vastaaja {respondent} vastasi {answered}/{count} kysymykseen (vastaamatta: {missing}); "
        "pistemäärään tarvitaan {needed}, joten hänet lasketaan ilman pistemäärää",
        "respondent {respondent} answered {answered} of {count} items (unanswered: {missing}); "
        "a score needs {needed}, so they are counted without a score",
        "svarande {respondent} svarade på {answered} av {count} frågor (obesvarade: {missing}); "
        "poängen kräver {needed}, så de räknas utan poäng",
    ),
    # The waves of the files.
    "both_waves": (
        "{file} sisältää molempien mittauskertojen vastauksia ({start} alkumittauksen ja {follow} "
        "seurannan riviä): yhdessä pisteytettyinä samat ihmiset laskettaisiin kahdesti. Pisteytä yksi "
        "mittauskerta (--wave start tai --wave follow_up) tai vertaa niitä: palaset survey change {file}",
        "{file} holds answers from both waves ({start} start and {follow} follow-up rows): scored "
        "together, the same people would count twice. Score one wave (--wave start or --wave follow_up) "
        "or compare them: palaset survey change {file}",
        "{file} innehåller svar från båda mättillfällena ({start} rader från början och {follow} från "
        "uppföljningen): poängsatta tillsammans skulle samma personer räknas två gånger. Poängsätt ett "
        "mättillfälle (--wave start eller --wave follow_up) eller jämför dem: palaset survey change {file}",
    ),
    "swapped": (
        "{start} sisältää seurannan ja {follow} alkumittauksen vastaukset: anna ensin alkumittauksen "
        "tiedosto ja sitten seurannan tiedosto",
        "{start} holds follow-up answers and {follow} start answers: give the start file first, "
        "then the follow-up file",
        "{start} innehåller svar från uppföljningen och {follow} svar från början: ge först startfilen "
        "och sedan uppföljningsfilen",
    ),
    "wrong_file.start": (
        "{file} on annettu alkumittauksen vastauksina, mutta sen jokainen rivi on merkitty seurannaksi: "
        "anna ensin alkumittauksen tiedosto ja sitten seurannan tiedosto",
        "{file} is given as the start answers but every row of it is marked follow-up: "
        "give the start file first, then the follow-up file",
        "{file} har getts som svaren vid början men varje rad i den är märkt uppföljning: "
        "ge först startfilen och sedan uppföljningsfilen",
    ),
    "wrong_file.follow_up": (
        "{file} on annettu seurannan vastauksina, mutta sen jokainen rivi on merkitty alkumittaukseksi: "
        "anna ensin alkumittauksen tiedosto ja sitten seurannan tiedosto",
        "{file} is given as the follow-up answers but every row of it is marked start: "
        "give the start file first, then the follow-up file",
        "{file} har getts som svaren vid uppföljningen men varje rad i den är märkt början: "
        "ge först startfilen och sedan uppföljningsfilen",
    ),
    "dated_swapped": (
        "{start} on annettu alkumittauksen vastauksina, mutta sen vastaukset ({start_dates}) ovat "
        "myöhempiä kuin tiedoston {follow} vastaukset ({follow_dates}): anna alkumittauksen tiedosto ensin",
        "{start} is given as the start answers but its answers ({start_dates}) are dated after those "
        "of {follow} ({follow_dates}): give the start file first",
        "{start} har getts som svaren vid början men dess svar ({start_dates}) är daterade efter "
        "svaren i {follow} ({follow_dates}): ge startfilen först",
    ),
    "no_rows": (
        "{file}: tiedostossa ei ole yhtään vastausriviä otsikkorivin jälkeen",
        "{file}: the file has no rows of answers after the header",
        "{file}: filen har inga svarsrader efter rubrikraden",
    ),
    "all_skipped": (
        "{file}: jokainen rivi ohitettiin (syyt yllä), joten vastauksia ei ole",
        "{file}: every row was skipped (see why above), so there are no answers",
        "{file}: varje rad hoppades över (se varför ovan), så det finns inga svar",
    ),
    "no_wave.start": (
        "{file}: alkumittauksen vastauksia ei ole",
        "{file}: there are no start answers",
        "{file}: det finns inga svar från början",
    ),
    "no_wave.follow_up": (
        "{file}: seurannan vastauksia ei ole",
        "{file}: there are no follow-up answers",
        "{file}: det finns inga svar från uppföljningen",
    ),
    "no_wave_column": (
        "{file}: mittauskertasaraketta ei ole; anna kaksi tiedostoa: ALKU.csv SEURANTA.csv",
        "{file}: no wave column; give two files: START.csv FOLLOWUP.csv",
        "{file}: ingen kolumn för mättillfälle; ge två filer: START.csv UPPFÖLJNING.csv",
    ),
    "row_without_wave": (
        "rivillä ei ole mittauskertaa, joten se jätetään pois; anna alku- ja seurantavastaukset "
        "eri tiedostoina",
        "the row has no wave, so it is left out; give the start and follow-up answers as two files",
        "raden har inget mättillfälle, så den utelämnas; ge svaren vid början och uppföljningen "
        "som två filer",
    ),
    # The column file.
    "cf_no_key": (
        "tiedostossa ei ole avainta 'columns:': saraketiedosto alkaa rivillä 'columns:'",
        "the file has no 'columns:' key: a column file starts with 'columns:'",
        "filen har ingen nyckel 'columns:': en kolumnfil börjar med 'columns:'",
    ),
    "cf_not_map": (
        "'columns:' on avain-arvo-luettelo: respondent, wave, date ja items",
        "'columns:' is a map of respondent, wave, date and items",
        "'columns:' är en mappning av respondent, wave, date och items",
    ),
    "cf_unknown_key": ("tuntematon avain {key}{hint}", "unknown key {key}{hint}", "okänd nyckel {key}{hint}"),
    "cf_not_text": (
        'sarakkeen nimi on tekstiä, kuten Q1 tai "Kysymys 1"',
        'a column name is text, such as Q1 or "Question 1"',
        'ett kolumnnamn är text, som Q1 eller "Fråga 1"',
    ),
    "cf_items": (
        "items: anna kysymys ja sen sarake (esis1: Q1) tai sarakkeet luettelona kysymysten järjestyksessä",
        "items: give each item with its column (esis1: Q1), or the columns as a list in item order",
        "items: ge varje fråga med sin kolumn (esis1: Q1), eller kolumnerna som en lista i frågornas ordning",
    ),
}

_table: Final = LabelTable(MESSAGES)


def message(key: str, lang: Lang, /, **values: object) -> str:
    """The message ``key`` in ``lang`` with ``values`` filled in."""
    return _table(key, lang).format(**values)


def close_to(word: str, choices: Iterable[str]) -> tuple[str, ...]:
    """The (at most three) of ``choices`` nearest to ``word`` (case aside), nearest first."""
    folded = {choice.casefold(): choice for choice in sorted(set(choices), reverse=True)}
    return tuple(folded[c] for c in get_close_matches(word.casefold(), sorted(folded), n=3, cutoff=0.6))


def suggestion(close: Iterable[str], lang: Lang) -> str:
    """ "; did you mean 'x'?" in ``lang`` naming ``close`` (see :func:`close_to`), or "" for none."""
    names = [repr(c) for c in close]
    return message("did_you_mean", lang, choices=message("or", lang).join(names)) if names else ""


class AnswerError(ValueError):
    """A cell that is not what its column holds; the message is ready in every language.

    A ``close`` value (a tuple of near choices) fills the message's ``{hint}`` field.
    """

    def __init__(self, key: str, **values: object) -> None:
        self.key = key
        self.values = values
        super().__init__(self.text("en"))

    def text(self, lang: Lang) -> str:
        """The message in ``lang``."""
        values = dict(self.values)
        close = values.pop("close", ())
        assert isinstance(close, tuple)
        return message(self.key, lang, hint=suggestion(close, lang), **values)
