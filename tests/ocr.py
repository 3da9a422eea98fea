"""Read a picture the way a person does: Debian's tesseract-ocr on the PNG bytes a page served."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

TESSERACT = shutil.which("tesseract")


def read_png(data: bytes, langs: str = "ind+eng") -> str:
    """The text tesseract reads in a PNG (whitespace collapsed). Fails loudly without tesseract."""
    assert TESSERACT, "tesseract-ocr is not installed (make test installs it: make system-deps)"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "picture.png"
        path.write_bytes(data)
        # Upscaled 2x: small caption text reads far better.
        done = subprocess.run([TESSERACT, str(path), "-", "-l", langs, "--psm", "11", "-c", "dpi=200"],
                              capture_output=True, text=True, timeout=120, check=True)
    return " ".join(done.stdout.split())
