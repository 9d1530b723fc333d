"""``palaset plugins``: every plugin with its version, kind, contributions and failures."""

from __future__ import annotations

from typing import Any

import click

from osallisuuden_palaset.cli import common, terminal
from osallisuuden_palaset.cli.helptext import (
    LocalizedCommand,
)
from osallisuuden_palaset.cli.output import echo_json, format_option
from osallisuuden_palaset.errors import PalasetError
from osallisuuden_palaset.messages.catalogue import msg, say
from osallisuuden_palaset.model.text import Lang


@click.command(
    cls=LocalizedCommand,
    help=msg("List every plugin: version, kind, what it contributes, and plugins that failed to load."),
)
@format_option()
@click.pass_context
def plugins(ctx: click.Context, fmt: str) -> None:
    """List every plugin: version, kind, what it contributes, and plugins that failed to load."""
    summary = plugins_summary(ctx)
    if fmt == "json":
        echo_json(summary)
    else:
        terminal.echo(render_text(summary, common.lang(ctx)), nl=False)


def plugins_summary(ctx: click.Context) -> dict[str, Any]:
    """Plain data for ``palaset plugins --format json``."""
    from osallisuuden_palaset.plugins.manager import plugin_report
    from osallisuuden_palaset.plugins.registry import KINDS, contributions

    pm = common.plugin_manager(ctx)
    try:
        contributed = contributions(pm)  # calls every hook, so hook failures are in the report below
    except PalasetError as error:
        common.fail(error)
    report = plugin_report(pm)
    rows = []
    for info in report.plugins:
        own = {
            kind: [c.name for c in contributed if c.plugin == info.name and c.kind == kind] for kind in KINDS
        }
        rows.append(
            {
                "name": info.name,
                "version": info.version,
                "kind": info.kind.value,
                "origin": info.origin,
                "distribution": info.distribution,
                "contributes": own,
            }
        )
    failures = [
        {
            "name": f.name,
            "version": f.version,
            "kind": f.kind.value,
            "origin": f.origin,
            "stage": f.stage,
            "error": f.error,
        }
        for f in report.failures
    ]
    return {"plugins": rows, "failures": failures, "disabled": list(report.disabled), "strict": report.strict}


def render_text(summary: dict[str, Any], lang: Lang) -> str:
    """The summary as lines for a terminal."""
    lines: list[str] = []
    for row in summary["plugins"]:
        version = f" {row['version']}" if row["version"] else ""
        lines.append(f"{row['name']}{version} ({_origin(row['kind'], lang)}: {row['origin']})")
        given = [(kind, names) for kind, names in row["contributes"].items() if names]
        for kind, names in given:
            lines.append(f"  {_contribution(kind, lang)}: {', '.join(names)}")
        if not given:
            lines.append("  " + say(lang, "registers nothing"))
    if summary["failures"]:
        lines += ["", say(lang, "Plugins that failed:")]
        for f in summary["failures"]:
            version = f" {f['version']}" if f["version"] else ""
            lines.append(f"  {f['name']}{version} ({f['origin']}), {f['stage']}: {f['error']}")
    if summary["disabled"]:
        lines += ["", say(lang, "Disabled: {plugins}", plugins=", ".join(summary["disabled"]))]
    if summary["strict"]:
        lines += ["", "(" + say(lang, "strict mode") + ")"]
    return "\n".join(lines) + "\n"


def _origin(kind: str, lang: Lang) -> str:
    """Where a plugin comes from (``PluginKind``): built in, installed, a file or given in code."""
    if kind == "builtin":
        return say(lang, "built-in")
    if kind == "entrypoint":
        return say(lang, "installed")
    if kind == "file":
        return say(lang, "file")
    if kind == "object":
        return say(lang, "given in code")
    return kind


def _contribution(kind: str, lang: Lang) -> str:
    """The name of what a plugin contributes (``plugins.registry.KINDS``)."""
    if kind == "frameworks":
        return say(lang, "frameworks")
    if kind == "exporters":
        return say(lang, "exporters")
    if kind == "checks":
        return say(lang, "checks")
    if kind == "catalogues":
        return say(lang, "catalogues")
    if kind == "instruments":
        return say(lang, "instruments")
    if kind == "response_readers":
        return say(lang, "answer file readers")
    return kind
