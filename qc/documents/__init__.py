"""Loading articles (txt, Markdown, HTML) into Documents with exact positions."""
from __future__ import annotations

import os
from datetime import date

from qc.documents.model import PLACEHOLDER, Comment, Document, Sentence, Span
from qc.documents.readers import EXTENSIONS, READERS
from qc.errors import InputError

#: Files larger than this are refused rather than read into memory.
MAX_FILE_BYTES = 10 * 1024 * 1024

__all__ = ["PLACEHOLDER", "Comment", "Document", "Sentence", "Span", "detect_format", "load_document", "load_text", "decode"]


def detect_format(path: str, default: str = "txt") -> str:
    return EXTENSIONS.get(os.path.splitext(path)[1].lower(), default)


def decode(path: str, data: bytes) -> str:
    """Decode UTF-8 strictly: a bad byte is reported with its line and column."""
    if b"\x00" in data[:8192]:
        raise InputError(f"{path}: fichier binaire, ignoré")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        raise InputError(f"{path}:{line}:{col}: UTF-8 invalide (octet 0x{data[exc.start]:02x})") from None
    return text[1:] if text.startswith("\ufeff") else text


def load_text(
    text: str,
    fmt: str = "txt",
    path: str = "<texte>",
    published: date | None = None,
    source_lang: str | None = None,
) -> Document:
    """Build a Document from a string. Options override what the file itself says."""
    if fmt not in READERS:
        raise InputError(f"{path}: format inconnu « {fmt} » (txt, md, html)")
    doc = READERS[fmt](path, text)
    if published is not None:
        doc.meta["published"] = published
    if source_lang is not None:
        doc.meta["source_lang"] = source_lang
    return doc


def load_document(
    path: str,
    fmt: str | None = None,
    published: date | None = None,
    source_lang: str | None = None,
    max_bytes: int | None = None,
) -> Document:
    max_bytes = max_bytes or MAX_FILE_BYTES
    try:
        size = os.path.getsize(path)
        if size > max_bytes:
            raise InputError(f"{path}: fichier trop volumineux ({size} octets, limite {max_bytes})")
        with open(path, "rb") as fh:
            data = fh.read()
    except FileNotFoundError:
        raise InputError(f"{path}: fichier introuvable") from None
    except IsADirectoryError:
        raise InputError(f"{path}: est un répertoire") from None
    except PermissionError:
        raise InputError(f"{path}: lecture refusée (permissions)") from None
    except OSError as exc:
        raise InputError(f"{path}: lecture impossible ({exc.strerror})") from None
    return load_text(decode(path, data), fmt or detect_format(path), path, published, source_lang)
