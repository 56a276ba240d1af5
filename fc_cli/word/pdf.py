"""PDF output: a finished .docx converted by headless LibreOffice (when it is installed)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import OutputError


def docx_to_pdf(blob: bytes, stem: str) -> bytes:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise OutputError(
            "--format pdf behöver LibreOffice, som inte är installerat – installera det "
            "(t.ex. 'apt-get install libreoffice-writer-nogui') eller välj --format docx"
        )
    with tempfile.TemporaryDirectory(prefix="fc-pdf-") as tmp:
        source = Path(tmp) / f"{stem}.docx"
        source.write_bytes(blob)
        profile = Path(tmp) / "profile"
        result = subprocess.run(
            [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
             "--outdir", tmp, str(source)],
            capture_output=True, text=True, timeout=180, check=False,
        )
        pdf = Path(tmp) / f"{stem}.pdf"
        if result.returncode != 0 or not pdf.is_file():
            raise OutputError(
                f"LibreOffice kunde inte göra en PDF av {stem}.docx: {result.stderr.strip()[:300]} – "
                "prova --format docx"
            )
        return pdf.read_bytes()
