"""Measure pages in headless Chromium without a driver: a copied page writes its measurements into the DOM."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from html import escape as html_escape
from html import unescape as html_unescape
from pathlib import Path
from typing import Any

#: Written into a copy of the page: sends the layout's measurements, as JSON, to the frame around it.
MEASURE = """
<script>
window.addEventListener("load", () => {
  const width = window.innerWidth;
  const doc = document.documentElement;
  const wide = [];
  for (const el of document.body.querySelectorAll("*")) {
    const box = el.getBoundingClientRect();
    if (box.right > width + 1 && !el.closest(".scroll")) {
      wide.push(el.tagName.toLowerCase() + "." + el.className + " " + Math.round(box.right));
    }
  }
  const texts = [...document.querySelectorAll("figure.diagram svg text")].map(
    (t) => t.getBoundingClientRect().height);
  const body = document.body.getBoundingClientRect();
  const tables = [...document.querySelectorAll("table")].map((t) => {
    const box = (t.closest(".scroll") || t).getBoundingClientRect();
    return box.right - body.right;
  });
  // WCAG contrast of every text outside the diagrams against the first opaque background under it.
  const parse = (c) => (c.match(/[0-9.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const backdrop = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0)) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const contrast = [];
  for (const el of document.body.querySelectorAll("*")) {
    if (el.closest("svg")) continue;
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!own) continue;
    const style = getComputedStyle(el);
    const fg = parse(style.color).slice(0, 3), bg = backdrop(el);
    const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a);
    const ratio = (hi + 0.05) / (lo + 0.05);
    const size = parseFloat(style.fontSize), bold = Number(style.fontWeight) >= 700;
    const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
    if (ratio < needed) {
      contrast.push(`${el.tagName.toLowerCase()}.${el.className} ${style.color} on rgb(${bg}) ` +
        `${ratio.toFixed(2)}:1 "${el.textContent.trim().slice(0, 30)}"`);
    }
  }
  parent.postMessage(JSON.stringify({
    contrast: [...new Set(contrast)].slice(0, 12),
    page: decodeURIComponent(location.pathname), width, scrollWidth: doc.scrollWidth, wide: wide.slice(0, 12),
    diagramText: texts.length ? Math.min(...texts) : null,
    tableOverhang: tables.length ? Math.max(...tables) : null,
  }), "*");
});
</script>
"""

#: The page Chromium opens: one iframe per page and width (headless windows are at least 500 px
#: wide, and one Chromium for all pages is quicker), whose measurements come back as messages.
FRAME = """<!DOCTYPE html>
<html><head>
<script>
addEventListener("message", (event) => {{
  const out = document.createElement("pre");
  out.className = "palaset-m";
  out.textContent = event.data;
  document.body.appendChild(out);
}});
</script>
</head><body style="margin:0">
{frames}
</body></html>
"""
_IFRAME = '<iframe src="{src}" style="border:0;display:block;width:{width}px;height:{height}px"></iframe>'

_CSP = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>')
_RESULT = re.compile(r'<pre class="palaset-m">(.*?)</pre>', re.S)


def chromium() -> str | None:
    """The Chromium program on PATH (Debian calls it ``chromium``), or None."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _run(args: list[str], profile: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    program = chromium()
    assert program is not None
    command = [
        program,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        "--allow-file-access-from-files",
        f"--user-data-dir={profile}",
        *args,
    ]
    env = {**os.environ, "HOME": profile}
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False, env=env)


#: The width of an A4 page's text at 96 px an inch: 210 mm less the 2 × 15 mm margins of style.css.j2.
A4_TEXT_WIDTH = 680


def measure(
    pages: list[Path], widths: tuple[int, ...], height: int = 900
) -> dict[tuple[Path, str], dict[str, Any]]:
    """The layout of each page at each width, and as printed: scroll width, elements past the edge,
    diagram text size, tables past the text column, texts under AA contrast.

    Keys are (page, "390") for a width and (page, "print") for the page's print style at the width
    of an A4 page's text (its ``@media print`` rules made to apply on screen). A copy beside each
    page (so relative links stay right) gets the measuring script; the page's
    Content-Security-Policy, which forbids scripts, is left out of the copies only. One Chromium
    shows every copy in an iframe of its width.
    """
    views = [*((str(w), w) for w in widths), ("print", A4_TEXT_WIDTH)]
    copies = {
        (page, view): page.with_name(f".measure-{view}-{page.name}") for page in pages for view, _ in views
    }
    width_of = dict(views)
    with tempfile.TemporaryDirectory() as folder:
        frame = Path(folder) / "frame.html"
        frames = [
            _IFRAME.format(src=html_escape(copy.as_uri()), width=width_of[view], height=height)
            for (_, view), copy in copies.items()
        ]
        frame.write_text(FRAME.format(frames="\n".join(frames)), encoding="utf-8")
        try:
            for (page, view), copy in copies.items():
                html = _CSP.sub("", page.read_text(encoding="utf-8"))
                if view == "print":
                    html = html.replace("@media print", "@media all")
                copy.write_text(html.replace("</body>", MEASURE + "</body>"), encoding="utf-8")
            budget = 3000 + 500 * len(frames)
            done = _run(
                [f"--virtual-time-budget={budget}", "--window-size=1300,900", "--dump-dom", frame.as_uri()],
                str(Path(folder) / "profile"),
            )
        finally:
            for copy in copies.values():
                copy.unlink(missing_ok=True)
    by_copy = {str(copy): key for key, copy in copies.items()}
    found: dict[tuple[Path, str], dict[str, Any]] = {}
    for raw in _RESULT.findall(done.stdout):
        result: dict[str, Any] = json.loads(html_unescape(raw))
        found[by_copy[result["page"]]] = result
    missing = [(page.name, view) for page, view in copies if (page, view) not in found]
    assert not missing, f"Chromium measured nothing for {missing}: {done.stderr[-2000:]}"
    return found


def print_pdf(page: Path, target: Path) -> bytes:
    """``page`` printed to PDF by Chromium (no header or footer of its own), as bytes."""
    with tempfile.TemporaryDirectory() as profile:
        _run([f"--print-to-pdf={target}", "--no-pdf-header-footer", page.as_uri()], profile)
    return target.read_bytes()


def screenshot(page: Path, target: Path, width: int, height: int = 900) -> None:
    """A PNG of ``page`` in a ``width`` × ``height`` px viewport (for people looking at the layout)."""
    with tempfile.TemporaryDirectory() as folder:
        frame = Path(folder) / "frame.html"
        iframe = _IFRAME.format(src=html_escape(page.as_uri()), width=width, height=height)
        frame.write_text(FRAME.format(frames=iframe), encoding="utf-8")
        size = f"--window-size={max(width, 500)},{height}"
        _run([size, f"--screenshot={target}", frame.as_uri()], str(Path(folder) / "profile"))
