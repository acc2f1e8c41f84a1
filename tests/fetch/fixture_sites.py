"""Fixture sites shaped like polisen.se, a SiteVision municipality and a faulty server."""

from __future__ import annotations

import gzip
from pathlib import Path

import yaml

from tests.fetch.fixture_server import (
    FixtureServer,
    Page,
    Redirect,
    Reset,
    Sequence,
    Slow,
    Status,
    Unframed,
)

PAGES = Path(__file__).parent / "pages"
INDEX = "/om-polisen/medborgarloften-och-lokal-samverkan/"
GEN2 = INDEX + "medborgarloften/"
ARBOGA = GEN2 + "vastmanland/arboga/"
VASTERAS_OLD = "/om-polisen/medborgarloften/vasteras/"
VASTERAS_MID = GEN2 + "vasteras/"
VASTERAS = GEN2 + "vastmanland/vasteras/"
BASTAD = "/om-polisen/medborgarloften/bastad/"
HIDDEN = "/om-polisen/medborgarloften/hemlig/"
VANERSBORG = GEN2 + "vanersborg/"
VANERSBORG_PDF = "/globalassets/vastra-gotaland/vanersborg-medborgarlofte-2020.pdf"
METHOD_PDF = "/globalassets/dokument/metodstod-medborgarloften.pdf"
FOLDER = GEN2 + "vastmanland/"
EVENT = "/aktuellt/handelser/2024/mars/12/brand-arboga/"
VAGGERYD_POLICE = GEN2 + "jonkoping/vaggeryd/"
KOMMUN_PAGE = "/kommun-och-politik/trygghet/medborgarlofte.4.1a2b3c4d.html"
KOMMUN_PDF = "/download/18.5a6b7c8d9e/1700000000000/Medborgarlofte%202024.pdf"


def page(name: str, **replacements: str) -> Page:
    text = (PAGES / name).read_text(encoding="utf-8")
    for key, value in replacements.items():
        text = text.replace(f"@@{key}@@", value)
    return Page(text.encode("utf-8"))


def minimal_pdf(lines: list[str]) -> bytes:
    """A small valid PDF whose text layer holds ``lines`` (WinAnsi, so å ä ö work)."""
    escaped = [line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") for line in lines]
    ops = ["BT", "/F1 12 Tf", "14 TL", "72 760 Td"]
    for line in escaped:
        ops.append(f"({line}) Tj T*")
    ops.append("ET")
    stream = "\n".join(ops).encode("cp1252")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def pdf_page(lines: list[str]) -> Page:
    return Page(minimal_pdf(lines), content_type="application/pdf")


def polisen_routes() -> dict[str, object]:
    return {
        "/robots.txt": Page(
            b"User-agent: *\nDisallow: /om-polisen/medborgarloften/hemlig/\n"
            b"Disallow: /*?print=\nSitemap: /sitemap.xml\n",
            content_type="text/plain",
        ),
        INDEX: page("polisen_index.html"),
        INDEX + "?lpfm.loc=V%C3%A4stmanlands+l%C3%A4n": page("polisen_vastmanland.html"),
        INDEX + "?lpfm.loc=Sk%C3%A5ne+l%C3%A4n": page("polisen_skane.html"),
        FOLDER: page("polisen_folder.html"),
        ARBOGA: page("polisen_arboga.html"),
        VASTERAS_OLD: Redirect(VASTERAS_MID, 301),
        VASTERAS_MID: Redirect(VASTERAS, 302),
        VASTERAS: page("polisen_vasteras.html"),
        BASTAD: page("polisen_bastad.html"),
        HIDDEN: page("polisen_bastad.html"),
        VANERSBORG: page("polisen_vanersborg.html"),
        VANERSBORG_PDF: pdf_page(
            [
                "Medborgarlöfte Vänersborg 2020",
                "Kommunen och Polisen ska under 2020 fortsätta satsningen på Sportcentrum.",
                "Polisen kommer att genomföra trafikkontroller i Brålanda.",
            ]
        ),
        METHOD_PDF: pdf_page(["Metodstöd"]),
        EVENT: page("polisen_event.html"),
        VAGGERYD_POLICE: page("polisen_vaggeryd.html"),
    }


def kommun_routes(polisen_base: str) -> dict[str, object]:
    return {
        "/robots.txt": Status(404),
        KOMMUN_PAGE: page("kommun_page.html", POLISEN=polisen_base),
        KOMMUN_PDF: pdf_page(
            [
                "Medborgarlöfte 2024 Vaggeryds kommun",
                "Kommunen ska genomföra trygghetsvandringar i Skillingaryd.",
                "Polisen ska informera om grannsamverkan.",
            ]
        ),
    }


# Faults, each reached as a command-line entry point of an ad-hoc host (--allow-host).
GZIP_BOMB = gzip.compress(b"\0" * (24 * 1024 * 1024), compresslevel=9)
LATIN_PAGE = (
    "<html><head><title>Medborgarlöfte i Höör</title></head><body><h1>Medborgarlöfte i Höör</h1>"
    "<p>Kommunen och polisen lovar ökad trygghet på torget i Höör.</p></body></html>"
).encode("cp1252")


def fault_routes() -> dict[str, object]:
    ok = page("polisen_bastad.html")
    return {
        "/robots.txt": Page(b"User-agent: *\nDisallow: /private/\n", content_type="text/plain"),
        "/chain/start": Redirect("/chain/mid", 301),
        "/chain/mid": Redirect("/chain/end", 302),
        "/chain/end": page("polisen_vasteras.html"),
        "/loop/a": Redirect("/loop/b", 302),
        "/loop/b": Redirect("/loop/a", 302),
        "/away": Redirect("http://disallowed.invalid/promise", 302),
        "/missing": Status(404),
        "/removed": Status(410),
        "/busy": Sequence([Status(429, {"Retry-After": "1"}), page("polisen_arboga.html")]),
        "/flaky": Sequence([Status(500), page("polisen_vaggeryd.html")]),
        "/slow": Slow(3.0, ok),
        "/reset": Reset(),
        "/bomb": Status(200, {"Content-Type": "text/html", "Content-Encoding": "gzip"}, GZIP_BOMB),
        "/huge": Status(200, {"Content-Type": "text/html"}, b"<p>" + b"x" * (3 * 1024 * 1024)),
        "/huge-unframed": Unframed(b"<p>" + b"y" * (3 * 1024 * 1024)),
        "/latin": Page(LATIN_PAGE, content_type="text/html; charset=utf-8"),
        "/private/promise": ok,
        "/last": page("polisen_vanersborg.html"),
    }


FAULT_PATHS = [
    "/chain/start",
    "/loop/a",
    "/away",
    "/missing",
    "/removed",
    "/busy",
    "/flaky",
    "/slow",
    "/reset",
    "/bomb",
    "/huge",
    "/huge-unframed",
    "/latin",
    "/private/promise",
    "/last",
]


def write_registry(path: Path, polisen: FixtureServer, kommun: FixtureServer) -> Path:
    """A registry for the fixture sites that borrows the real registry's link rules."""
    registry = {
        "user_agent": "medborgarloften-test/0.1 (+https://example.invalid/contact)",
        "sites": [
            {
                "name": "polisen.se",
                "profile": "polisen",
                "publisher": "police",
                "hosts": [polisen.host],
                "entry_points": [polisen.base + INDEX],
            },
            {
                "name": "vaggeryd.se",
                "profile": "sitevision",
                "publisher": "municipality",
                "kommunkod": "0665",
                "hosts": [kommun.host],
                "entry_points": [kommun.base + KOMMUN_PAGE],
            },
        ],
    }
    path.write_text(yaml.safe_dump(registry, allow_unicode=True), encoding="utf-8")
    return path
