"""Bytes to text for Polish documents: BOMs, UTF-8, and the two legacy code pages.

Generic detectors confuse cp1250 and iso-8859-2 on short texts; both encode the same
Polish letters at different bytes, so we decode with each and keep the one that gives
more Polish letters and fewer control characters.
"""

from __future__ import annotations

import codecs

import regex

POLISH_LETTERS = frozenset("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ")
LEGACY_CODEPAGES = ("cp1250", "iso-8859-2")

# Polish text decoded with the wrong single-byte code page: "Za¿ó³æ" is cp1250 read as cp1252.
MOJIBAKE = regex.compile(r"[¿³¹æêœŸ¥Œ][a-ząćęłńóśźż]|[a-z][¿³¹œŸ]|Ä[…‡™]|Ĺ[‚„›]|Ă[łł]|Ã[³©]|Å[‚›¼]")
MOJIBAKE_MARKS = "¿³¹æêœŸ¥ŒÄĹĂÃÅ"  # every MOJIBAKE match holds one: a cheap test before the regex


def _score(text: str) -> int:
    """Polish letters minus a heavy penalty for C1 control characters."""
    polish = sum(ch in POLISH_LETTERS for ch in text)
    controls = sum("\x80" <= ch <= "\x9f" for ch in text)
    return polish - 10 * controls


def decode(data: bytes) -> tuple[str, str, list[str]]:
    """Decode report bytes; return (text, encoding name, warnings).

    >>> decode("żółć".encode("cp1250"))[1]
    'cp1250'
    >>> decode("Śląsk źdźbło".encode("iso-8859-2"))[1]
    'iso-8859-2'
    """
    warnings: list[str] = []
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace"), "utf-8-sig", warnings
    if (wide := _utf32_order(data)) is not None:  # before UTF-16: a UTF-32 BOM starts like a UTF-16 one
        if wide != "utf-32":
            warnings.append("UTF-32 text without a byte-order mark")
        return data.decode(wide, errors="replace"), wide, warnings
    for bom, name in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom) :].decode(name, errors="replace"), "utf-16", warnings
    if _looks_utf16(data):
        name = "utf-16-le" if data[1::2].count(0) > data[0::2].count(0) else "utf-16-be"
        warnings.append("UTF-16 text without a byte-order mark")
        return data.decode(name, errors="replace"), name, warnings
    if b"\x00" in data:
        warnings.append(f"{data.count(0)} NUL bytes removed")
        data = data.replace(b"\x00", b"")
    try:
        return data.decode("utf-8"), "utf-8", warnings
    except UnicodeDecodeError as exc:
        utf8_error = exc
    candidates = [(data.decode(cp, errors="replace"), cp) for cp in LEGACY_CODEPAGES]
    text, name = max(candidates, key=lambda c: _score(c[0]))
    if _mostly_utf8(data):
        warnings.append(f"mixed encodings: mostly UTF-8 with invalid bytes ({utf8_error.reason})")
        return data.decode("utf-8", errors="replace"), "utf-8", warnings
    return text, name, warnings


def _utf32_order(data: bytes) -> str | None:
    """"utf-32-le" or "utf-32-be" for UTF-32 text of a Latin-script language without a BOM: in
    every group of four bytes the same three are mostly NUL; None otherwise (BOMs are read by
    :func:`decode` itself).

    >>> _utf32_order("Sprawozdanie za rok 2020".encode("utf-32-le")), _utf32_order("Sprawozdanie".encode("utf-16-le"))
    ('utf-32-le', None)
    """
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    sample = data[: 4000 - 4000 % 4]
    if len(sample) < 8 or len(data) % 4:
        return None
    zeros = [sample[k::4].count(0) for k in range(4)]
    groups = len(sample) // 4
    if min(zeros[1:]) > groups * 0.9 and zeros[0] < groups * 0.1:
        return "utf-32-le"
    if min(zeros[:3]) > groups * 0.9 and zeros[3] < groups * 0.1:
        return "utf-32-be"
    return None


def _looks_utf16(data: bytes) -> bool:
    """Many NUL bytes on one parity and few on the other: UTF-16 text of a Latin-script language.

    NUL padding puts NULs on both parities alike and is not UTF-16.

    >>> _looks_utf16("Sprawozdanie z Łodzi".encode("utf-16-le")), _looks_utf16(b"text" + bytes(100))
    (True, False)
    """
    if len(data) < 4:
        return False
    sample = data[:4000]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    return max(even, odd) > len(sample) // 4 and min(even, odd) * 4 < max(even, odd)


def _mostly_utf8(data: bytes) -> bool:
    """True when the bytes hold valid UTF-8 multibyte sequences besides stray invalid bytes."""
    good = len(regex.findall(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}", data))
    high = sum(b >= 0x80 for b in data)
    return good > 0 and good * 2 >= high * 0.8


def repair_mojibake(text: str) -> tuple[str, str | None]:
    """Repair Polish mojibake when the mapping is certain; return (text, what was done).

    Two mappings are tried: UTF-8 bytes read as cp1250/cp1252, and cp1250 bytes read as
    cp1252. A repair is kept only if it round-trips and removes every mojibake mark.
    """
    if not _has_mojibake(text):
        return text, None
    for wrong, right in (("cp1250", "utf-8"), ("cp1252", "utf-8"), ("cp1252", "cp1250")):
        try:
            fixed = text.encode(wrong).decode(right)
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if not _has_mojibake(fixed) and _score(fixed) > _score(text):
            return fixed, f"mojibake repaired ({right} read as {wrong})"
    return text, "mojibake"


def _has_mojibake(text: str) -> bool:
    return any(mark in text for mark in MOJIBAKE_MARKS) and MOJIBAKE.search(text) is not None
