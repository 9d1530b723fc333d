"""Build a practice (toimintamalli) through the Python API and write it as a YAML model file.

The practice is an example (esimerkki): a low-threshold meeting place where people come
as they are, plan the activity together and may reuse the Helmi cards of the LUmOaVA
catalogue (``lumoava-tyokalut/helmi-kortit`` in ``lumoava-tyokalut.yaml``)::

    python examples/build_practice.py --output out/scripts

writes ``out/scripts/kohtaamispaikka.yaml``, which loads together with this folder:
``palaset validate examples out/scripts/kohtaamispaikka.yaml``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from osallisuuden_palaset import (
    Block,
    BlockKind,
    DevelopmentPath,
    Flow,
    FlowKind,
    GroupSize,
    Indicator,
    Mapping,
    Modality,
    Outcome,
    Participant,
    Phase,
    Practice,
    Reuse,
    Role,
    Strength,
    Text,
)
from osallisuuden_palaset.files.writing import write_model

FILE_NAME = "kohtaamispaikka.yaml"

VISITOR = Text(fi="kävijä", en="visitor", sv="besökare")
WORKER = Text(fi="ohjaaja", en="facilitator", sv="handledare")


def build_practice() -> Practice:
    """The example practice, built from blocks, a reused block, flows and mappings."""
    arrival = Block(
        id="tulo-omana-itsenaan",
        name=Text(fi="Tulo omana itsenään", en="Coming as one is", sv="Att komma som man är"),
        kind=BlockKind.SPACE,
        description=Text(
            fi="Paikkaan voi tulla ilman ajanvarausta ja kertomatta, miksi tulee.",
            en="One can come without an appointment and without saying why.",
        ),
        participants=(
            Participant(
                VISITOR, Role.PARTICIPANT, Text(fi="Päättää itse, milloin tulee.", en="Decides when.")
            ),
            Participant(WORKER, Role.STAFF),
        ),
        modality=Modality.IN_PERSON,
        mappings=(
            Mapping(
                "p1",
                Strength.STRONG,
                Text(fi="Osallistuminen on omaehtoista.", en="Taking part is self-directed."),
            ),
            Mapping("p3", Strength.MODERATE, Text(fi="Ketään ei luokitella.", en="Nobody is labelled.")),
        ),
    )
    cards = Reuse(
        id="toiveet-korteilla",
        reuse="lumoava-tyokalut/helmi-kortit",
        name=Text(fi="Toiveet Helmi-korteilla", en="Wishes with the Helmi cards"),
        note=Text(
            fi="Kävijät kertovat korttien avulla, mitä toivovat.",
            en="Visitors tell their wishes with the cards.",
        ),
    )
    planning = Block(
        id="yhteinen-suunnittelu",
        name=Text(fi="Yhteinen suunnittelu", en="Planning together", sv="Gemensam planering"),
        kind=BlockKind.STEP,
        participants=(Participant(VISITOR, Role.CO_DEVELOPER), Participant(WORKER, Role.STAFF)),
        modality=Modality.HYBRID,
        remote_participation=Text(
            fi="Ideoita voi lähettää myös viestillä, jos ei pääse paikalle.",
            en="Ideas can also be sent by message by those who cannot come.",
        ),
        group_size=GroupSize(min=2, max=12),
        mappings=(
            Mapping(
                "p5",
                Strength.STRONG,
                Text(fi="Kävijät suunnittelevat toiminnan.", en="Visitors plan the activity."),
            ),
        ),
    )
    doing = Block(
        id="yhdessa-tekeminen",
        name=Text(fi="Yhdessä tekeminen", en="Doing things together", sv="Att göra saker tillsammans"),
        kind=BlockKind.ACTIVITY,
        participants=(
            Participant(VISITOR, Role.PARTICIPANT),
            Participant(Text(fi="vertaisohjaaja", en="peer facilitator"), Role.PEER),
        ),
        modality=Modality.IN_PERSON,
        group_size=GroupSize(min=2, max=12),
        mappings=(
            Mapping(
                "p7",
                Strength.MODERATE,
                Text(fi="Kävijät löytävät yhteisön.", en="Visitors find a community."),
            ),
            Mapping("p8", Strength.WEAK),
        ),
    )
    return Practice(
        id="kohtaamispaikka",
        name=Text(fi="Matalan kynnyksen kohtaamispaikka", en="Low-threshold meeting place", sv="Mötesplats"),
        summary=Text(
            fi="Esimerkki: paikka, johon tullaan omana itsenä ja jonka toiminta suunnitellaan yhdessä.",
            en="Example: a place where people come as they are and plan the activity together.",
        ),
        steps=(arrival, cards, planning, doing),
        flows=(
            Flow(
                "tulo-omana-itsenaan",
                "toiveet-korteilla",
                FlowKind.OPTIONAL,
                Text(fi="jos haluaa", en="if one wants"),
            ),
            Flow("tulo-omana-itsenaan", "yhteinen-suunnittelu"),
            Flow("toiveet-korteilla", "yhteinen-suunnittelu"),
            Flow("yhteinen-suunnittelu", "yhdessa-tekeminen"),
            Flow(
                "yhdessa-tekeminen",
                "yhteinen-suunnittelu",
                FlowKind.LOOP_BACK,
                Text(fi="seuraava kerta", en="next time"),
                Text(
                    fi="Toimintaa muutetaan kävijöiden palautteen mukaan.",
                    en="The activity changes with feedback.",
                ),
            ),
        ),
        phases=(
            Phase(
                "saapuminen",
                Text(fi="Saapuminen", en="Arrival"),
                ("tulo-omana-itsenaan", "toiveet-korteilla"),
            ),
            Phase(
                "toiminta", Text(fi="Toiminta", en="Activity"), ("yhteinen-suunnittelu", "yhdessa-tekeminen")
            ),
        ),
        outcomes=(
            Outcome(
                "osallisuuden-kokemus",
                Text(
                    fi="Kävijöiden osallisuuden kokemus vahvistuu.",
                    en="Visitors' experience of inclusion grows.",
                ),
                (
                    Indicator(
                        Text(fi="Osallisuusindikaattorin pistemäärä", en="Inclusion indicator score"), "esis"
                    ),
                ),
            ),
        ),
        development=DevelopmentPath(
            co_development=Text(
                fi="Kävijät suunnittelevat toiminnan joka kerta.", en="Visitors plan every session."
            )
        ),
        keywords=("kohtaamispaikka", "matala kynnys", "esimerkki"),
    )


def main(argv: list[str] | None = None) -> None:
    """Build the practice and write it into the output folder."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=Path("out/scripts"), help="folder to write into")
    args = parser.parse_args(argv)
    args.output.mkdir(parents=True, exist_ok=True)
    target = args.output / FILE_NAME
    write_model(build_practice(), target)
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
