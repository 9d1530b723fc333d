"""WCAG 2 contrast of colours: relative luminance and the ratio of two colours (#rgb or #rrggbb)."""

from __future__ import annotations

#: WCAG AA: normal text needs 4.5:1; large text (24 px, or 18.66 px bold) 3:1.
AA_TEXT = 4.5
AA_LARGE = 3.0


def rgb(colour: str) -> tuple[int, int, int]:
    """``#rgb`` or ``#rrggbb`` as red, green and blue from 0 to 255."""
    digits = colour.strip().lstrip("#")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    if len(digits) != 6:
        raise ValueError(f"not a #rrggbb colour: {colour!r}")
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def luminance(colour: str) -> float:
    """The relative luminance of ``colour`` (0 black, 1 white)."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(foreground: str, background: str) -> float:
    """The contrast ratio of two colours, from 1 (none) to 21 (black on white)."""
    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
