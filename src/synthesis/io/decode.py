"""Turn a file's bytes into text: BOMs, UTF-16, legacy encodings and every line-ending style."""
from __future__ import annotations

import codecs
import re

from .base import ImportFailure
from ..normalise import with_line_feeds

_BOMS = [
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]


#: Control bytes other than tab, LF, VT, FF, CR, SUB and ESC: rare in text exports.
_CONTROL_BYTES = bytes(b for b in range(32) if not (9 <= b <= 13 or b in (26, 27)))


_NULS = re.compile("\x00+")
_UTF8 = frozenset({"utf-8", "utf-8-sig"})

#: A UTF-8 byte-order mark decoded as Windows-1252 and saved again as UTF-8.
_MARK_AS_CP1252 = codecs.BOM_UTF8.decode("cp1252")

_MARK_AT_LINE_START = re.compile("(?<=\n)\ufeff+")


def _looks_binary(data: bytes) -> bool:
    """Many NUL or other control bytes near the start (a few stray ones are damage in a text export)."""
    sample = data[:4096]
    # Deleting the control bytes (one C pass): the length lost is their number.
    ctrl = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return ctrl > max(8, len(sample) // 50)


def decode_bytes(data: bytes, path="<bytes>", encoding: str | None = None,
                 warnings: list | None = None) -> tuple[str, str]:
    """Decode an export file's bytes.

    Returns ``(text, encoding)`` with line endings normalised to ``\\n`` (CRLF, bare CR and mixed).
    Order: the given encoding; a byte-order mark; UTF-8; UTF-16 without BOM (every other byte NUL);
    then ``charset-normalizer``'s best guess (windows-1252, GBK, ...). A file whose lines are partly UTF-8 and
    partly another encoding (two exports pasted together) is decoded block by block, each in its own
    encoding, and the lines that were not UTF-8 (or that no encoding fits) are named in ``warnings``.

    Raises
    ------
    ImportFailure
        For an empty or binary file, or bytes no encoding explains.

    Examples
    --------
    >>> decode_bytes("Caf\\u00e9\\r\\nau lait\\r".encode("cp1252"))
    ('Café\\nau lait\\n', 'cp1252')
    """
    if not data or data.isspace():  # (strip() would copy the whole file to say so)
        # a download that failed, most often; a search that found nothing has no export to keep (its log says 0)
        raise ImportFailure(path, "the file is empty; download the export again, or, if the search found nothing, "
                            "delete the file and log the search with records_reported = 0, files = [] and its round in "
                            "evidence/searches.toml")
    text = enc = None
    if encoding:
        try:
            text, enc = data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError) as exc:
            raise ImportFailure(path, f"cannot be decoded as {encoding}: {exc}") from None
    if text is None:
        for bom, name in _BOMS:
            if data.startswith(bom):
                try:
                    text, enc = data.decode(name), name
                except UnicodeDecodeError as exc:
                    # a UTF-8 export with lines in another encoding (one pasted or edited in an old editor):
                    # the mark says UTF-8, so those lines are read as the other encoding and named
                    mixed = _mixed(data[len(bom):], path, warnings if warnings is not None else [],
                                   utf8_known=True) if name == "utf-8-sig" else None
                    if mixed is None:
                        line = data[: exc.start].count(b"\n") + 1 if name == "utf-8-sig" else None
                        raise ImportFailure(path, f"starts with a {name} byte-order mark but is not valid {name}: "
                                                  f"{exc}", line=line) from None
                    text, enc = mixed
                break
    if text is None:
        head = data[:200]
        if len(head) > 8 and head[1::2].count(0) > len(head) // 3:
            enc = "utf-16-le"
        elif len(head) > 8 and head[0::2].count(0) > len(head) // 3:
            enc = "utf-16-be"
        if enc:
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                text, enc = None, None
    if text is None:
        if _looks_binary(data):
            raise ImportFailure(path, "looks like a binary file (NUL or control bytes), not a text export")
        try:
            text, enc = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as utf8_error:
            mixed = _mixed(data, path, warnings if warnings is not None else [])
            text, enc = mixed if mixed else _guess_legacy(data, path, utf8_error)
    if text[:1] == "\ufeff":
        text = text.lstrip("\ufeff")
    if text[:3] == _MARK_AS_CP1252:  # else it hides the first tag or column name ('ï»¿"Authors"': no authors)
        text = text[3:].lstrip("\ufeff")
        if warnings is not None:
            warnings.append(f"{path}: the file starts with 'ï»¿', a UTF-8 byte-order mark read as Windows-1252 by an "
                            f"editor and saved again; it was removed, but accented letters and quotes may be garbled "
                            f"('â€™' for '’'): export the file again if they are")
    text = with_line_feeds(text)
    # A file's mark inside: exports joined into one ("copy /b a.ris+b.ris"); it hid a TY line. (A one-character
    # search first: a search for two characters, or for NUL, in a text holding characters beyond Latin-1 reads it
    # several times slower, and these are searches of the whole file.)
    if "\ufeff" in text and "\n\ufeff" in text:
        marks = [text.count("\n", 0, m.start()) + 1 for m in _MARK_AT_LINE_START.finditer(text)]
        text = _MARK_AT_LINE_START.sub("", text)
        if warnings is not None:
            warnings.append(f"{path}: line(s) {_ranges(marks)} start with a byte-order mark, as a file does (exports "
                            f"joined into one file?); the marks were removed")
    # A few NUL bytes in a text export: damage (a download or disk), never content. UTF-8 writes U+0000 as the
    # byte 0, and no other character with that byte: its bytes tell, in one fast pass.
    if (enc not in _UTF8 or b"\x00" in data) and "\x00" in text:
        lines, line, at = [], 1, 0
        for m in _NULS.finditer(text):  # lines counted from one run to the next: one pass however many
            line += text.count("\n", at, m.start())
            at = m.start()
            if not lines or lines[-1] != line:
                lines.append(line)
        text = text.replace("\x00", "")
        if warnings is not None:
            warnings.append(f"{path}: line(s) {_ranges(lines)} held NUL bytes (a damaged download?); they were removed")
    return text, enc


def _ranges(numbers: list[int]) -> str:
    """``[3, 4, 5, 9]`` -> ``"3-5, 9"``; long lists are shortened."""
    spans: list[list[int]] = []
    for n in numbers:
        if spans and n == spans[-1][1] + 1:
            spans[-1][1] = n
        else:
            spans.append([n, n])
    shown = [f"{a}-{b}" if b > a else str(a) for a, b in spans[:12]]
    return ", ".join(shown) + (f" and {len(spans) - 12} more blocks" if len(spans) > 12 else "")


def _mixed(data: bytes, path, warnings: list, utf8_known: bool = False):
    """``(text, "utf-8+<other>")`` for a file that is UTF-8 in some lines and another encoding in others.

    Only when both kinds are there: UTF-8 lines with non-ASCII characters (or ``utf8_known``: a UTF-8
    byte-order mark says so), and lines that are not UTF-8.
    The other lines are decoded together in the encoding that fits them best; a line that none fits keeps
    its bad bytes as U+FFFD, and is named.
    """
    lines = data.split(b"\n")
    utf8, other = 0, []
    for i, line in enumerate(lines):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            utf8 += 1
        except UnicodeDecodeError:
            other.append(i)
    if not (utf8 or utf8_known) or not other:
        return None
    from charset_normalizer import from_bytes

    best = from_bytes(b"\n".join(lines[i] for i in other)).best()
    name = best.encoding if best is not None else "cp1252"
    if name in _WESTERN | _UNLIKELY_CODEPAGES:
        name = "cp1252"  # a short block fits any code page: the Western one is the one exports use
    parts = [lines[i].decode(name, "replace") for i in other]
    out = [None] * len(lines)
    for i, text in zip(other, parts):
        out[i] = text
    lost = [i + 1 for i, text in zip(other, parts) if "\ufffd" in text]
    for i, line in enumerate(lines):
        if out[i] is None:
            out[i] = line.decode("utf-8")
    numbers = [i + 1 for i in other]
    warnings.append(f"{path}: two encodings in one file (exports pasted together?): line(s) {_ranges(numbers)} "
                    f"are not UTF-8 like the rest and were read as {name}; check their accented letters")
    if lost:
        warnings.append(f"{path}: line(s) {_ranges(lost)} fit no encoding; their undecodable bytes were replaced "
                        f"by \ufffd: correct those lines in the export or export it again")
    return "\n".join(out), f"utf-8+{name}"


_WESTERN = {"latin_1", "iso8859_15", "cp1250", "iso8859_2", "cp1252"}
_UNLIKELY_CODEPAGES = {"cp1006", "cp1125", "cp437", "cp720", "cp737", "cp775", "cp850", "cp852", "cp855",
                       "cp856", "cp857", "cp858", "cp860", "cp861", "cp862", "cp863", "cp864", "cp865", "cp037",
                       "cp500", "cp875", "cp1026", "cp1140", "cp424", "cp273", "hp_roman8", "mac_roman",
                       "mac_latin2", "mac_iceland", "mac_turkish", "mac_greek", "ptcp154", "kz1048"}


def _guess_legacy(data: bytes, path, utf8_error) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        line = data[: utf8_error.start].count(b"\n") + 1
        raise ImportFailure(path, f"undecodable byte 0x{data[utf8_error.start]:02x}: not UTF-8 and no "
                                  f"known encoding fits", line=line)
    name = best.encoding
    chinese = _chinese_read_as_korean(data, name, str(best))
    if chinese:
        return chinese
    # charset-normalizer reports Western files under several names; windows-1252 decodes all of them
    # and keeps the typographic quotes Latin-1 would turn into control characters. Short Western files are
    # also guessed as DOS, EBCDIC, Mac or Urdu code pages no database export uses ('Café' -> cp1006).
    if name in _WESTERN | _UNLIKELY_CODEPAGES:
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            pass
    return str(best), name


_HANGUL_NEXT_TO_HAN = re.compile(r"[\uac00-\ud7a3][\u4e00-\u9fff]|[\u4e00-\u9fff][\uac00-\ud7a3]")
_NOT_CHINESE = re.compile(r"[^\x00-\x7f\u3000-\u303f\u4e00-\u9fff\uff00-\uffef\u2010-\u201f\u00b7]")


def _chinese_read_as_korean(data: bytes, name: str, text: str):
    """``(text, "gbk")`` when a Korean guess is really GBK Chinese, else ``None``.

    GBK and EUC-KR share their byte ranges, so short Chinese files are often guessed as Korean; read that
    way they come out as Hangul syllables glued to Hanja inside one word, which Korean text does not do.
    """
    if name not in {"cp949", "euc_kr", "johab", "iso2022_kr"}:
        return None
    if name != "johab" and not _HANGUL_NEXT_TO_HAN.search(text):
        return None
    for enc in ("gbk", "gb18030"):
        try:
            zh = data.decode(enc)
        except UnicodeDecodeError:
            continue
        return (zh, enc) if not _NOT_CHINESE.search(zh) else None
    return None
