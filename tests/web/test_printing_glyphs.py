"""Printable forms print every character and any length: the PDFs are read back with poppler
(pdftotext, pdffonts) and drawn to images with pdftoppm, as a reader's viewer would."""

from __future__ import annotations

import os
import shutil
import subprocess
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.platypus import Paragraph

from kesu.domain.vocabulary import Action
from kesu.web import printing
from tests.conftest import at
from tests.factories import act, assigned

NAME = "王𠮷𠀣"  # CJK Extension B (U+20BB7, U+20023): such characters occur in names


@pytest.fixture
def poppler() -> None:
    if shutil.which("pdftoppm") is None:
        if os.environ.get("CI"):
            pytest.fail("poppler-utils is required here; run bin/setup as root")
        pytest.skip("poppler-utils is not installed (bin/setup installs it as root)")


def fetch(org: Any, number: str, form: str, username: str = "supervisor") -> bytes:
    client = Client()
    client.force_login(org[username])
    response = client.get(f"/cases/{number}/print/{form}.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return bytes(response.content)


def poppler_run(tool: str, pdf: bytes, tmp_path: Path, *options: str, out: str = "-") -> str:
    """Run a poppler tool on the PDF, writing to `out` (standard output: "-")."""
    source = tmp_path / "form.pdf"
    source.write_bytes(pdf)
    done = subprocess.run(  # noqa: S603 - poppler's tools with fixed arguments
        [tool, *options, str(source), *([out] if tool != "pdffonts" else [])],
        capture_output=True, text=True, timeout=120, check=False, cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stderr == "", done.stderr  # poppler complains of missing fonts and glyphs here
    return done.stdout


def pages(pdf: bytes, folder: Path) -> int:
    """Draw every page to a PNG the way a viewer does; how many were drawn."""
    folder.mkdir()
    poppler_run("pdftoppm", pdf, folder, "-r", "40", "-png", out=str(folder / "page"))
    drawn = sorted(folder.glob("*.png"))
    assert all(path.stat().st_size > 1000 for path in drawn)  # a page with a form on it
    return len(drawn)


def embedded_fonts(pdf: bytes, tmp_path: Path) -> list[list[str]]:
    rows = poppler_run("pdffonts", pdf, tmp_path).splitlines()[2:]
    return [row.split() for row in rows]


def test_every_character_prints_in_an_embedded_font(
    org: Any, tmp_path: Path, poppler: None
) -> None:
    case = assigned(org, "2026-11-02", complainant_name=NAME, subject_product="空调 & <遥控器>")
    pdf = fetch(org, case.number, "registration")
    text = poppler_run("pdftotext", pdf, tmp_path)
    assert NAME in text  # not another character in its place
    assert "热线电话" in text  # the channel, a lazy translation, once drawn as ■■■■
    assert "投诉 · " in text  # the middle dot between kind and category
    assert "空调 & <遥控器>" in text
    assert "☑受理" in text
    fonts = embedded_fonts(pdf, tmp_path)
    assert fonts, "no font in the PDF"
    names = [row[0] for row in fonts]
    assert not any("Helvetica" in name or "ZapfDingbats" in name for name in names), names
    assert all(row[-5:-2] == ["yes", "yes", "yes"] for row in fonts), fonts  # emb, sub, uni
    assert pages(pdf, tmp_path / "pages") == 1


def test_a_character_no_font_has_prints_as_a_marker(
    org: Any, tmp_path: Path, poppler: None
) -> None:
    missing = "\U0010fffd"  # a private-use character: in no font
    assert printing._font_for(missing) is None
    case = assigned(org, "2026-11-02", complainant_name=f"李{missing}")
    text = poppler_run("pdftotext", fetch(org, case.number, "registration"), tmp_path)
    assert "李[U+10FFFD]" in text


def test_long_facts_and_notes_flow_onto_further_pages(
    org: Any, tmp_path: Path, poppler: None
) -> None:
    facts, demand, note = "界" * 10_000, "甲" * 4_000, "丙" * 4_000
    case = assigned(org, "2026-11-02", facts=facts, demand=demand)
    act(case, org["handler"], Action.LOG_CONTACT, at("2026-11-03 09:00"), note=note)

    registration = fetch(org, case.number, "registration")
    text = poppler_run("pdftotext", registration, tmp_path)
    assert text.count("界") == 10_000  # every character, none cut off at a page end
    assert text.count("甲") == 4_000
    assert pages(registration, tmp_path / "registration") > 3

    handling = fetch(org, case.number, "handling")
    text = poppler_run("pdftotext", handling, tmp_path)
    assert text.count("丙") == 4_000
    assert text.count("处理过程") >= 2  # the heading row repeats on each page
    assert pages(handling, tmp_path / "handling") > 1


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_any_text_makes_a_paragraph(text: str) -> None:
    """Markup, ampersands, line breaks, emoji, control characters: reportlab parses it all."""
    paragraph = Paragraph(printing.markup(text), printing._style(10))
    paragraph.wrap(100, 1000)


def test_without_the_font_packages_the_forms_still_print_with_markers(
    org: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A server set up by hand, without fonts-babelstone-han: the reader's Song font draws the
    basic plane, and a character beyond it is marked instead of printed as another."""
    monkeypatch.setattr(printing, "FONT_FILES", (("KesuHan", tmp_path / "missing.ttf"),))
    printing.fonts.cache_clear()
    printing._style.cache_clear()
    try:
        case = assigned(org, "2026-11-02", complainant_name=NAME)
        pdf = fetch(org, case.number, "registration")
    finally:
        printing.fonts.cache_clear()
        printing._style.cache_clear()
    assert b"STSong-Light" in pdf
    text = PdfReader(BytesIO(pdf)).pages[0].extract_text()
    assert "王[U+20BB7][U+20023]" in text
    assert "热线电话" in text
