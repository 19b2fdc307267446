"""PDF documents for the citizen, drawn with fpdf2 in the Lato font
(embedded; its Latin set covers Danish fully).

Written for the citizen, not the system: plain words, their own goal first,
who does what by when. Text a person typed is drawn as text, never parsed
(fpdf2's markdown stays off): control characters show in caret notation
(^[ for ESC), a character Lato lacks shows as "?", and one very long text is
cut, saying the rest is in the case file.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from ..domain.clock import local_time
from ..domain.documents import DocumentData
from ..i18n import _, language, ngettext

TEXT_LIMIT = 20_000  # characters of one typed text in a document
INK, MUTED, RULE = (30, 30, 30), (95, 95, 95), (190, 190, 190)


@lru_cache(maxsize=1)
def _font_dir() -> Path:
    import font_lato

    return Path(font_lato.__file__).parent / "files"


@lru_cache(maxsize=1)
def _covered() -> frozenset[int]:
    from fontTools.ttLib import TTFont

    return frozenset(TTFont(_font_dir() / "Lato-Regular.ttf").getBestCmap())


def pdf_text(text: str | None, limit: int = TEXT_LIMIT) -> str:
    """Typed text as the PDF draws it: literal, visible controls, no missing glyphs."""
    text = (text or "").replace("\r\n", "\n")
    rest = len(text) - limit
    if rest > 0:
        text = text[:limit]
    covered = _covered()
    out = []
    for ch in text:
        code = ord(ch)
        if ch in "\n\t":
            out.append(ch if ch == "\n" else "    ")
        elif code < 0x20 or code == 0x7F:
            out.append("^" + chr(code ^ 0x40))  # caret notation: ESC -> ^[
        elif 0x80 <= code < 0xA0:
            out.append(f"<{code:02X}>")
        else:
            out.append(ch if code in covered else "?")
    shown = "".join(out)
    if rest > 0:
        more = ngettext("({n} more character is in your case file)", "({n} more characters are in your case file)",
                        rest)
        shown += " … " + more.format(n=f"{rest:,}".replace(",", "."))
    return shown


class _Pdf(FPDF):
    def __init__(self, footer_text: str) -> None:
        super().__init__(format="A4")
        self._footer_text = footer_text
        fonts = _font_dir()
        for style, name in (("", "Regular"), ("B", "Bold"), ("I", "Italic")):
            self.add_font("Lato", style, fonts / f"Lato-{name}.ttf")
        self.set_margins(20, 20, 20)
        self.set_auto_page_break(True, margin=20)
        self.alias_nb_pages("{nb}")

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font("Lato", "", 8)
        self.set_text_color(*MUTED)
        page = _("page {n} of {total}").format(n=self.page_no(), total="{nb}")
        self.cell(0, 5, f"{self._footer_text} · {page}", align="C")


class Writer:
    """Paragraph-level drawing: headings, text, labelled lines, bullets."""

    def __init__(self, title: str, footer: str, data: DocumentData) -> None:
        self.pdf = _Pdf(footer)
        pdf = self.pdf
        pdf.set_title(title)
        pdf.set_author(data.contact.name or data.detail.citizen.caseworker)
        pdf.set_creator("enplan")
        pdf.set_lang("da" if language() == "da" else "en")
        stamp = dt.datetime.combine(data.today, dt.time(12), dt.timezone.utc)
        pdf.set_creation_date(stamp)  # the same document for the same data, byte for byte
        pdf.add_page()

    def title(self, text: str, subtitle: str) -> None:
        self._font("B", 20)
        self.pdf.multi_cell(0, 10, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self._font("", 11, MUTED)
        self.pdf.multi_cell(0, 6, subtitle, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.pdf.ln(4)

    def heading(self, text: str) -> None:
        self.pdf.ln(3)
        self._font("B", 14)
        self.pdf.multi_cell(0, 8, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        y = self.pdf.get_y()
        self.pdf.set_draw_color(*RULE)
        self.pdf.line(self.pdf.l_margin, y, self.pdf.w - self.pdf.r_margin, y)
        self.pdf.ln(2)

    def subheading(self, text: str) -> None:
        self.pdf.ln(1)
        self._font("B", 12)
        self.pdf.multi_cell(0, 6.5, pdf_text(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def text(self, text: str, *, style: str = "", color: tuple[int, int, int] = INK, indent: float = 0) -> None:
        self._font(style, 11, color)
        self.pdf.set_x(self.pdf.l_margin + indent)
        self.pdf.multi_cell(0, 6, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")

    def typed(self, text: str, **kwargs: object) -> None:
        """Text a person typed: drawn exactly as it is (see pdf_text)."""
        self.text(pdf_text(text), **kwargs)

    def bullet(self, text: str, detail: str = "") -> None:
        self._font("", 11)
        self.pdf.set_x(self.pdf.l_margin + 4)
        self.pdf.multi_cell(0, 6, "•  " + text, new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")
        if detail:
            self.text(detail, color=MUTED, indent=9)

    def line(self, label_text: str, value: str) -> None:
        self._font("B", 11)
        self.pdf.cell(self.pdf.get_string_width(label_text + "  "), 6, label_text)
        self._font("", 11)
        self.pdf.multi_cell(0, 6, value, new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")

    def blank(self, label_text: str) -> None:
        """A line to fill in by hand (a date, a signature)."""
        self.pdf.ln(8)
        y = self.pdf.get_y()
        self.pdf.set_draw_color(*INK)
        self.pdf.line(self.pdf.l_margin, y, self.pdf.l_margin + 90, y)
        self._font("", 9, MUTED)
        self.pdf.multi_cell(0, 5, label_text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def _font(self, style: str, size: float, color: tuple[int, int, int] = INK) -> None:
        self.pdf.set_font("Lato", style, size)
        self.pdf.set_text_color(*color)

    def bytes(self) -> bytes:
        return bytes(self.pdf.output())


# -- shared parts -----------------------------------------------------------------------------
def day(value: dt.date | None) -> str:
    return value.strftime("%d-%m-%Y") if value else "–"


def header(w: Writer, title: str, data: DocumentData) -> None:
    citizen = data.detail.citizen
    subtitle = _("{name} · made {date}").format(name=pdf_text(citizen.name, 200), date=day(data.today))
    if data.cpr:
        subtitle += " · " + _("CPR {cpr}").format(cpr=f"{data.cpr[:6]}-{data.cpr[6:]}")
    w.title(title, subtitle)


def contact(w: Writer, data: DocumentData) -> None:
    c = data.contact
    w.heading(_("Your caseworker"))
    w.typed(c.name or data.detail.citizen.caseworker or _("Your jobcenter"), style="B")
    for label_text, value in ((_("Phone:"), c.phone), (_("E-mail:"), c.email), (_("Address:"), c.office)):
        if value:
            w.line(label_text, pdf_text(value, 300))
    if not (c.phone or c.email or c.office):
        w.text(_("Call or write to your jobcenter and ask for your caseworker."), color=MUTED)


def when(stamp: dt.datetime) -> str:
    local = local_time(stamp)
    return f"{local:%d-%m-%Y} {local:%H:%M}"


def who(owner: str, data: DocumentData) -> str:
    """A follow-up's owner as the citizen reads it: you, your caseworker, or the name written."""
    citizen = data.detail.citizen
    if not owner.strip() or owner == citizen.caseworker:
        return _("your caseworker")
    if owner.strip().casefold() in {citizen.name.casefold(), citizen.name.split()[0].casefold()}:
        return _("you")
    return pdf_text(owner, 120)
