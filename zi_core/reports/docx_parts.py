"""The building blocks every report shares: an A4 page, plain paragraphs, grid tables, a signature.

Text that reaches a document may come from users; python-docx escapes `<` and `&` itself, but
XML 1.0 cannot hold most control characters at all, so `clean` drops them instead of letting
lxml refuse the whole document.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence
from datetime import date

from babel.dates import format_date
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Length, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

FONT = "Arial"
FONT_SIZE = Pt(11)
TABLE_FONT_SIZE = Pt(10)
DOTS = "....."
"""What a form shows where a value is not known yet (Lampiran I writes "Ketapang, .....")."""

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean(text: str) -> str:
    """The text without the characters XML 1.0 cannot hold (NUL, other C0 controls, U+FFFE)."""
    return _NOT_XML.sub("", text)


def long_date(value: date | None) -> str:
    """An Indonesian long date (`31 Desember 2026`); empty for no date."""
    return format_date(value, format="long", locale="id") if value else ""


def new_document(title: str) -> DocxDocument:
    """An empty A4 portrait document in the report font, titled `title` in its properties."""
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin = section.bottom_margin = Cm(2.5)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = FONT_SIZE
    # ascii/hAnsi alone leave Arabic/Hebrew (complex script) and CJK text in the theme font.
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for script in ("w:eastAsia", "w:cs"):
        fonts.set(qn(script), FONT)
    normal.paragraph_format.space_after = Pt(3)
    properties = document.core_properties
    properties.title = clean(title)
    properties.author = properties.last_modified_by = "ZI Assistant"
    properties.comments = ""
    return document


def paragraph(
    document: DocxDocument,
    text: str = "",
    *,
    bold: bool = False,
    align: WD_ALIGN_PARAGRAPH | None = None,
    before: Length | None = None,
    indent: Length | None = None,
) -> Paragraph:
    """A paragraph of one run."""
    para = document.add_paragraph()
    if text:
        para.add_run(clean(text)).bold = bold or None
    para.alignment = align
    if before is not None:
        para.paragraph_format.space_before = before
    if indent is not None:
        para.paragraph_format.left_indent = indent
    return para


def heading(document: DocxDocument, text: str, *, level: int = 0) -> Paragraph:
    """A bold section heading (`A. DASAR HUKUM`), indented one step per level."""
    return paragraph(document, text, bold=True, before=Pt(8), indent=Cm(0.75 * level) or None)


def numbered(document: DocxDocument, lines: Iterable[str], *, level: int = 1) -> None:
    """A numbered list written out as text ("1.", "2.", ...) with a hanging indent."""
    for number, line in enumerate(lines, start=1):
        para = paragraph(document, f"{number}.\t{line}", align=WD_ALIGN_PARAGRAPH.JUSTIFY)
        para.paragraph_format.left_indent = Cm(0.75 * (level + 1))
        para.paragraph_format.first_line_indent = Cm(-0.75)


def grid_table(document: DocxDocument, header: Sequence[str], widths: Sequence[Length]) -> Table:
    """A "Table Grid" table with a shaded header row repeated on every page."""
    table = document.add_table(rows=1, cols=len(header))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    row = table.rows[0]
    row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for cell, label in zip(row.cells, header, strict=True):
        write(cell, label, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        shading = OxmlElement("w:shd")
        shading.set(qn("w:val"), "clear")
        shading.set(qn("w:fill"), "D9D9D9")
        cell._tc.get_or_add_tcPr().append(shading)
    set_widths(table, widths)
    return table


def set_widths(table: Table, widths: Sequence[Length]) -> None:
    """Fix the column widths (Word reads the cells, LibreOffice the grid)."""
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width


def write(
    cell: _Cell,
    text: str,
    *,
    bold: bool = False,
    align: WD_ALIGN_PARAGRAPH | None = None,
    hanging: Length | None = None,
) -> None:
    """Put `text` in the cell's (first) paragraph in the table font."""
    para = cell.paragraphs[0]
    if text:
        run = para.add_run(clean(text))
        run.bold = bold or None
        run.font.size = TABLE_FONT_SIZE
    para.alignment = align
    para.paragraph_format.space_after = Pt(0)
    if hanging is not None:
        para.paragraph_format.left_indent = hanging
        para.paragraph_format.first_line_indent = -hanging


def signature_block(
    document: DocxDocument,
    heading_lines: Sequence[str],
    name: str | None,
    nip: str | None,
) -> None:
    """The signing official on the right half: heading lines, room to sign, name, NIP."""
    indent = Cm(9)
    first = True
    for line in heading_lines:
        paragraph(document, line, indent=indent, before=Pt(24) if first else None)
        first = False
    for _ in range(3):
        paragraph(document, indent=indent)
    signer = paragraph(document, indent=indent)
    run = signer.add_run(clean(name) if name else f"({DOTS})")
    run.bold = run.underline = bool(name)
    paragraph(document, f"NIP. {nip or DOTS}", indent=indent)


def to_bytes(document: DocxDocument) -> bytes:
    """The document as .docx bytes."""
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
