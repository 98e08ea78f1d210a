"""Which files a run reads: the files named, report files under the folders named, glob matches.

Inputs stay inside what was given: a link that leads out of its folder is not followed (a
report archive must not read ``/etc/passwd`` or ``/proc/self/environ`` because an entry points
there), links to folders are not walked (no loop can hang the run), special files (pipes,
devices) are never opened, and a file reached by two paths (a link beside its target, a relative
and an absolute path) is read once. What is left out is said, one line a path.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import regex

REPORT_SUFFIXES = {"", ".txt", ".text", ".docx", ".docm", ".pdf", ".doc", ".rtf", ".odt", ".fodt"}
WILDCARD = regex.compile(r"[*?\[]")


@dataclass
class Inputs:
    """The files to read, in order, and the paths left out with the reason."""

    files: list[Path] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)


class InputError(Exception):
    """A path named on the command line that cannot be read as input."""


def find_inputs(paths: Iterable[str]) -> Inputs:
    """Files named, report files under folders (recursively) and glob matches, sorted; each
    real file once, under the path that is not a link to it where there is one."""
    found = Inputs()
    paths_of: dict[str, list[Path]] = {}
    for item in paths:
        for path, root in _expand(item):
            target = os.path.realpath(path)
            if root is not None and not _inside(target, root):
                found.skipped.append((show(path), f"a link leading out of {show(Path(root))}"))
            elif not _regular(target):
                found.skipped.append((show(path), "not a regular file (a pipe, device or socket)"))
            elif path not in paths_of.setdefault(target, []):
                paths_of[target].append(path)
    for same in paths_of.values():
        kept = next((p for p in same if not p.is_symlink()), same[0])
        found.files.append(kept)
        found.skipped += [(show(p), f"the same file as {show(kept)}") for p in same if show(p) != show(kept)]
    found.files.sort()
    return found


def _expand(item: str) -> Iterable[tuple[Path, str | None]]:
    """(path, the folder it must stay in, or None for a file named) for one command-line item."""
    path = Path(item)
    if WILDCARD.search(item):
        base = _fixed_prefix(item)
        pattern = _glob_regex(item)
        matched = False
        for candidate, root in _walk(base, only_reports=False):
            if pattern.fullmatch(candidate.as_posix()):
                matched = True
                yield candidate, root
        if not matched:
            raise InputError(f"no file matches {item}")
    elif path.is_dir():
        yield from _walk(path, only_reports=True)
    elif os.path.lexists(path):
        yield path, None
    else:
        raise InputError(f"no such file or folder: {item}")


def _walk(base: Path, only_reports: bool) -> Iterable[tuple[Path, str]]:
    """Files under ``base`` without following links to folders; report files only when asked."""
    root = os.path.realpath(base)
    for folder, dirs, files in os.walk(base, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not (only_reports and d.startswith(".")))
        for name in sorted(files):
            path = Path(folder) / name
            if only_reports and not wanted(path):
                continue
            yield path, root


def wanted(path: Path) -> bool:
    """A file met while walking a folder that may be a report: not hidden, and with a report's
    extension (or none); other files of an archive (.json, .py, .csv …) are left alone. Files
    named on the command line are always read."""
    return not any(part.startswith(".") for part in path.parts) and path.suffix.lower() in REPORT_SUFFIXES


def _fixed_prefix(pattern: str) -> Path:
    """The folder a glob's matches all lie under: its leading parts without wildcards."""
    parts = []
    for part in Path(pattern).parts:
        if WILDCARD.search(part):
            break
        parts.append(part)
    return Path(*parts) if parts else Path(".")


def _glob_regex(pattern: str) -> regex.Pattern[str]:
    """A glob as a regular expression over POSIX paths: ``**/`` any folders, ``*`` and ``?``
    within a name, ``[...]`` a class."""
    out, i = [], 0
    text = Path(pattern).as_posix()
    while i < len(text):
        if text.startswith("**/", i):
            out.append(r"(?:[^/]*/)*")
            i += 3
        elif text.startswith("**", i):
            out.append(r".*")
            i += 2
        elif text[i] == "*":
            out.append(r"[^/]*")
            i += 1
        elif text[i] == "?":
            out.append(r"[^/]")
            i += 1
        elif text[i] == "[" and (end := text.find("]", i + 1)) > i:
            out.append("[" + text[i + 1 : end].replace("\\", "\\\\") + "]")
            i = end + 1
        else:
            out.append(regex.escape(text[i]))
            i += 1
    return regex.compile("".join(out))


def _inside(target: str, root: str) -> bool:
    return target == root or target.startswith(root.rstrip(os.sep) + os.sep)


def _regular(target: str) -> bool:
    try:
        return stat.S_ISREG(os.stat(target).st_mode)
    except OSError:
        return False


def show(path: Path) -> str:
    """A path as recorded in the data and in messages: relative to the working directory where
    possible, and text even when the file system name is not UTF-8 (bytes as \\xNN escapes)."""
    try:
        shown = path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        shown = path.as_posix()
    return os.fsencode(shown).decode("utf-8", "backslashreplace")
