"""Read files into plain Document records: decoding, front matter, and refusing bad files.

No Django and no spaCy here: a bad file becomes a `FailedFile` with a reason, never an exception.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml

SUFFIXES = {".txt", ".md"}
META_KEYS = {"title", "publisher", "url", "published", "kind"}
MAX_NAME = 500  # Source.file_name's max_length


@dataclass
class Document:
    path: Path
    file_name: str
    text: str
    title: str
    meta: dict = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass
class FailedFile:
    path: Path
    file_name: str
    reason: str


def iter_files(paths: list[Path]) -> Iterator[tuple[Path, Path]]:
    """Yield (file, root) for every .txt/.md file under the given files or folders, sorted."""
    for root in paths:
        if root.is_dir():
            for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
                dirnames.sort()
                for name in sorted(filenames):
                    path = Path(dirpath) / name
                    if path.suffix.lower() in SUFFIXES:
                        yield path, root
        else:
            yield root, root.parent


def read_document(path: Path, *, root: Path, max_bytes: int) -> Document | FailedFile:
    """Read one file, or say why it cannot be read."""
    file_name = _display_name(path, root)
    try:
        if path.is_symlink() and not path.resolve().is_relative_to(root.resolve()):
            return FailedFile(path, file_name, "link points outside the folder")
        if not path.exists():
            return FailedFile(path, file_name, "no such file")
        size = path.stat().st_size
        if size > max_bytes:
            return FailedFile(
                path, file_name, f"larger than the limit ({size} > {max_bytes} bytes)"
            )
        raw = path.read_bytes()
    except OSError as error:
        return FailedFile(path, file_name, f"unreadable: {error.strerror or error}")
    except RuntimeError:  # Python 3.11's Path.resolve() on a link that leads back to itself
        return FailedFile(path, file_name, "link loop (the link leads back to itself)")
    text, notes, problem = decode(raw)
    if problem:
        return FailedFile(path, file_name, problem)
    meta, body = split_front_matter(text)
    if isinstance(meta, str):
        return FailedFile(path, file_name, meta)
    # Zero-width, word-joiner and no-break characters alone are no text either.
    if not any(c.isprintable() and not c.isspace() for c in body):
        return FailedFile(path, file_name, "empty (no text)")
    if meta.get("url") and not is_web_address(str(meta["url"])):
        # A javascript: or data: address would be served as a link to every reader.
        del meta["url"]
        notes.append("url left out: only http and https addresses are stored")
    title = str(meta.get("title") or first_line(body))
    return Document(path, file_name, body, title[:500], meta, notes)


def decode(raw: bytes) -> tuple[str, list[str], str | None]:
    """Text, notes on what was done, and a problem if the bytes are not usable text."""
    if not raw.strip():
        return "", [], "empty (no text)"
    notes = []
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            # Re-encoded, so that UTF-16 text gets the same checks as UTF-8 text below.
            raw = raw.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            return "", [], "not valid UTF-16 despite its byte order mark"
        notes.append("decoded as UTF-16 (byte order mark)")
    # The whole file, not just its start: PostgreSQL refuses NUL in text, and would stop the run.
    if b"\x00" in raw:
        return "", [], "binary file (contains NUL bytes)"
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
        notes.append("UTF-8 byte order mark removed")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        return (
            "",
            [],
            (
                f"not UTF-8 (byte 0x{raw[error.start]:02x} at offset {error.start}); "
                "save it as UTF-8 and load it again"
            ),
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    control = sum(1 for c in text if ord(c) < 32 and c not in "\n\t\f")
    if control > max(10, len(text) // 100):
        return "", [], "binary file (too many control characters)"
    return text, notes, None


def split_front_matter(text: str) -> tuple[dict | str, str]:
    """YAML front matter between '---' lines, and the body (a str for the dict: an error)."""
    if not text.startswith("---\n"):
        return {}, text
    end = text.find("\n---", 4)
    if end == -1:
        return {}, text
    try:
        meta = yaml.safe_load(text[4:end]) or {}
    except (yaml.YAMLError, ValueError, RecursionError) as error:
        # PyYAML raises ValueError for an impossible date, RecursionError for absurd nesting.
        return f"front matter is not valid YAML: {str(error).splitlines()[0]}", ""
    if not isinstance(meta, dict):
        return "front matter is not a mapping of keys to values", ""
    meta = {k: v for k, v in meta.items() if k in META_KEYS}
    for key, value in meta.items():
        # A list or mapping is refused: str() of a "billion laughs" alias tree never ends.
        if not isinstance(value, str | int | float | dt.date | None):
            return f"front matter: {key} is not text", ""
    body = text[end + 4 :].lstrip("\n")
    return meta, body


def is_web_address(url: str) -> bool:
    """Whether `url` is an absolute http or https address, as a link may safely point to."""
    try:
        parts = urlsplit(url)
    except ValueError:  # "http://[::1" (an unclosed IPv6 address)
        return False
    return url == url.strip() and parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def first_line(text: str) -> str:
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            return line[:200]
    return ""


# What a publisher line says about the copy rather than the body: "(ftc.gov)", "press release",
# ", as reproduced by X".
PUBLISHER_NOTES = re.compile(r"\s*\([^)]*\)|,\s+(?:as|by|via|from)\b.*$|,\s+[a-z].*$")
RELEASE_WORDS = re.compile(
    r"\s+(?:(?:press|news|media)\s+releases?|release|report|copy|material)\s*$", re.IGNORECASE
)


def publisher_name(value: str) -> str:
    """The publishing body of a front-matter publisher line ("U.S. Department of the Treasury
    press release (treasury.gov)" -> "U.S. Department of the Treasury"): the record a
    researcher looks for, and the name its kind is read from."""
    name = RELEASE_WORDS.sub("", PUBLISHER_NOTES.sub("", value)).strip(" ,;")
    return name or value.strip()


def parse_date(value) -> dt.date | None:
    """A front-matter date (YAML gives date objects for ISO dates); None when it is not one."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def _display_name(path: Path, root: Path) -> str:
    try:
        name = str(path.relative_to(root)) if root != path.parent else path.name
    except ValueError:
        name = path.name
    # Deeply nested paths are kept by their end, the part that tells files apart.
    return name if len(name) <= MAX_NAME else "…" + name[-(MAX_NAME - 1) :]
