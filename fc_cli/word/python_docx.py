"""python-docx, the one place fc imports it: the names word/prepare.py and word/styles.py use.

Imported only when a base package is prepared (word/base.py `_cached_base`): a base kept in fc's
cache needs no python-docx (a speed path).
"""

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor

__all__ = ["WD_ALIGN_PARAGRAPH", "Cm", "Document", "Pt", "RGBColor", "nsdecls", "parse_xml", "qn"]
