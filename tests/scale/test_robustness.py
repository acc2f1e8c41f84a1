"""Random and malformed input: every file ends as a document or one clear skip line, never a crash."""

from __future__ import annotations

import tempfile
from pathlib import Path

import sqlite_utils
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline import build as build_module
from pipeline.build import Processed, build, process_file

SWEDISH = [
    "Polisen", "ska", "kommunen", "kommer", "att", "genomföra", "trygghetsvandringar", "i", "Sala",
    "Vaggeryds", "kommun", "lokalpolisområde", "Värnamo", "under", "2021", "medborgarlöfte", "–", "•",
    "Fokusområden", "Åtgärder", "öka", "tryggheten", "på", "torget", ".", ",", ":", "1.", "\n", "\n\n",
]
TAGS = ["div", "p", "ul", "ol", "li", "h1", "h2", "span", "table", "tr", "td", "section", "article",
        "script", "style", "nav", "figure", "figcaption", "br", "b", "i", "a"]
SUFFIXES = [".txt", ".html", ".pdf", ".htm", ""]
RUN = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])

words = st.lists(st.sampled_from(SWEDISH), min_size=0, max_size=60).map(" ".join)


@st.composite
def markup(draw: st.DrawFn, depth: int = 0) -> str:
    """Random HTML: nested, sometimes unclosed, sometimes with stray closing tags and entities."""
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        choice = draw(st.integers(0, 9))
        if choice < 4 or depth > 6:
            parts.append(draw(words))
        elif choice < 8:
            tag = draw(st.sampled_from(TAGS))
            attrs = draw(st.sampled_from(["", ' class="sv-text-portlet-content"', ' id="main-content"',
                                          ' class="cookie-banner"', ' class="editorial-html"', " hidden"]))
            inner = draw(markup(depth + 1))
            closed = draw(st.booleans())
            parts.append(f"<{tag}{attrs}>{inner}" + (f"</{tag}>" if closed else ""))
        elif choice == 8:
            parts.append(draw(st.sampled_from(["</div>", "</li></ul>", "&amp;", "&#xD800;", "&nbsp;", "<!--",
                                               "<![CDATA[", "<?xml?>", "&bogus;", "<p <p>"])))
        else:
            parts.append(draw(st.text(max_size=20)))
    return "".join(parts)


def assert_handled(outcome: Processed) -> None:
    """A document with valid spans, or a skip reason of one line that is not an internal error."""
    if outcome.record is None:
        reason = outcome.skipped or ""
        assert reason and "\n" not in reason, reason
        assert not reason.startswith("internal error"), reason
        return
    record = outcome.record
    assert record.text.strip()
    for item in [*record.commitments, *record.focus_areas, *record.municipalities, *record.people]:
        start, end = item.span
        assert 0 <= start < end <= len(record.text)


def process_bytes(content: bytes, suffix: str) -> Processed:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(content)
        return process_file(path)


@RUN
@given(content=st.binary(max_size=4000), suffix=st.sampled_from(SUFFIXES))
def test_random_bytes(content: bytes, suffix: str) -> None:
    assert_handled(process_bytes(content, suffix))


@RUN
@given(document=markup(), suffix=st.sampled_from([".html", ".txt", ".pdf"]),
       encoding=st.sampled_from(["utf-8", "cp1252", "utf-16", "latin-1"]))
def test_random_html(document: str, suffix: str, encoding: str) -> None:
    content = f"<html><body>{document}".encode(encoding, errors="replace")
    assert_handled(process_bytes(content, suffix))


@RUN
@given(chunks=st.lists(st.tuples(words, st.sampled_from(["utf-8", "cp1252", "latin-1", "utf-16-le"])),
                       min_size=1, max_size=8),
       junk=st.binary(max_size=16))
def test_mixed_encodings_and_broken_utf8(chunks: list[tuple[str, str]], junk: bytes) -> None:
    content = b"".join(text.encode(encoding, errors="replace") for text, encoding in chunks)
    cut = len(content) // 2
    assert_handled(process_bytes(content[:cut] + junk + content[cut:], ".txt"))


def test_html_nested_ten_thousand_levels_deep() -> None:
    sentence = "Polisen ska patrullera på Stora torget i Sala under 2022."
    closed = "<html><body>" + "<div>" * 10_000 + f"<p>{sentence}</p>" + "</div>" * 10_000 + "</body></html>"
    unclosed = "<html><body>" + "<div><span><ul><li>" * 10_000 + sentence
    for document in (closed, unclosed):
        outcome = process_bytes(document.encode(), ".html")
        assert_handled(outcome)
        assert outcome.record is not None and "Stora torget" in outcome.record.text


def test_a_fifty_megabyte_text_file_is_skipped_with_its_size(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    line = b"Polisen ska genomfora trygghetsvandringar i Sala under 2021.\n"
    with path.open("wb") as handle:
        for _ in range(50 * 2**20 // len(line) + 1):
            handle.write(line)
    outcome = process_file(path)
    assert outcome.record is None
    assert outcome.skipped is not None and "too large" in outcome.skipped and "50.0 MB" in outcome.skipped


def test_long_documents_under_the_byte_limit_are_refused_by_length(tmp_path: Path) -> None:
    path = tmp_path / "bullets.html"
    path.write_text("<ul>" + "<li>Polisen ska patrullera." * (build_module.MAX_BLOCKS + 10), encoding="utf-8")
    outcome = process_file(path)
    assert outcome.skipped is not None and "too many blocks" in outcome.skipped


def test_a_run_over_every_kind_of_bad_file_completes_and_names_each(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "good.txt").write_text("Medborgarlöfte Sala 2022\n\nPolisen ska patrullera i Sala.\n", encoding="utf-8")
    bad = {
        "empty.txt": b"",
        "blank.html": b"   \n\t  ",
        "junk.bin.txt": bytes(range(256)) * 20,
        "not-a-pdf.pdf": b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\ntrailer garbage",
        "html-named-pdf.pdf": b"\x89PNG\r\n\x1a\n" + b"\x00" * 100,
        "utf16-junk.txt": "\ud800".encode("utf-16", errors="surrogatepass"),
        "only-markup.html": b"<html><head><script>var a=1;</script></head><body><nav>Meny</nav></body></html>",
    }
    for name, content in bad.items():
        (raw / name).write_bytes(content)
    huge = raw / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(build_module.MAX_TEXT_BYTES + 1)  # a sparse file: size without the disk cost

    report = build(raw=raw, db_path=tmp_path / "m.db", jsonl=None, fetch_log=None, progress=False)

    skipped = {p.path.name: p.skipped for p in report.skipped}
    assert set(skipped) == {*bad, "huge.txt"}
    assert all(reason and "\n" not in reason and not reason.startswith("internal error")
               for reason in skipped.values()), skipped
    assert [p.path.name for p in report.records] == ["good.txt"]
    db = sqlite_utils.Database(tmp_path / "m.db")
    assert {row["path"].rsplit("/", 1)[-1] for row in db["skipped_files"].rows} == set(skipped)
