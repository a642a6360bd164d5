"""Configuration: discovery, parsing and validation.

Lookup order (first found wins): `--config FILE`, `$QC_CONFIG`, the nearest
`.qc.toml` (or `setup.cfg` with a `[tool:qc]` section) walking up from the checked
file, then the user config dir (`platformdirs.user_config_dir("qc")/config.toml`).
Every key is documented in docs/configuration.md.
"""
from __future__ import annotations

import configparser
import os
import re
from dataclasses import dataclass, field, fields, replace
from datetime import date
from pathlib import Path
from typing import Any

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

import platformdirs

from qc.errors import ConfigError
from qc.findings import Severity

DEFAULT_INCLUDE = ("*.md", "*.markdown", "*.txt", "*.html", "*.htm")
DEFAULT_EXCLUDE = (".git", ".hg", "node_modules", ".venv", "venv", "__pycache__", "_site", "build", "dist")


@dataclass(frozen=True)
class Config:
    path: str | None = None
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    fail_on: str = "error"
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    facts: tuple[str, ...] = ()
    lexicons: tuple[str, ...] = ()
    disable_entries: tuple[str, ...] = ()
    #: false: use only the `facts`/`lexicons` files given, not the shipped ones
    default_data: bool = True
    published: date | None = None
    source_lang: str | None = None
    min_confidence: float = 0.0
    settings: tuple[tuple[str, Any], ...] = field(default=())

    def merged(self, **overrides: Any) -> "Config":
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})


_LIST_KEYS = {"select", "extend_select", "ignore", "include", "exclude", "facts", "lexicons", "disable_entries"}
_KNOWN = {f.name for f in fields(Config)} - {"path", "settings"}
_FAIL_ON = ("error", "warning", "info", "never")


def _as_list(value: Any, where: str, key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [v for v in re.split(r"[,\s]+", value) if v]
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: {key}: une liste de chaînes est attendue")
    return tuple(value)


def _key_line(text: str, key: str) -> int:
    for i, line in enumerate(text.splitlines(), 1):
        if re.match(rf"\s*\"?{re.escape(key)}\"?\s*[=:]", line):
            return i
    return 1


def from_mapping(data: dict[str, Any], path: str, text: str = "") -> Config:
    values: dict[str, Any] = {"path": path}
    extra: dict[str, Any] = {}
    for raw_key, value in data.items():
        key = raw_key.replace("-", "_")
        where = f"{path}:{_key_line(text, raw_key)}"
        if key in ("backtranslation", "bt", "review", "report"):
            extra[key] = value
            continue
        if key not in _KNOWN:
            raise ConfigError(f"{where}: clé inconnue « {raw_key} »")
        if key in _LIST_KEYS:
            values[key] = _as_list(value, where, raw_key)
        elif key == "severity":
            if not isinstance(value, dict):
                raise ConfigError(f"{where}: severity: une table règle = sévérité est attendue")
            try:
                values[key] = tuple((str(k), Severity.parse(str(v))) for k, v in value.items())
            except ValueError as exc:
                raise ConfigError(f"{where}: severity: {exc}") from None
        elif key == "fail_on":
            if value not in _FAIL_ON:
                raise ConfigError(f"{where}: fail-on: « {value} » (error, warning, info ou never)")
            values[key] = value
        elif key == "published":
            if isinstance(value, str):
                try:
                    value = date.fromisoformat(value)
                except ValueError:
                    raise ConfigError(f"{where}: published: date AAAA-MM-JJ attendue") from None
            if not isinstance(value, date):
                raise ConfigError(f"{where}: published: date AAAA-MM-JJ attendue")
            values[key] = value
        elif key == "default_data":
            if not isinstance(value, bool) and str(value).lower() not in ("true", "false"):
                raise ConfigError(f"{where}: default-data: true ou false attendu")
            values[key] = value if isinstance(value, bool) else str(value).lower() == "true"
        elif key == "min_confidence":
            try:
                values[key] = float(value)
            except (TypeError, ValueError):
                raise ConfigError(f"{where}: min-confidence: nombre entre 0 et 1 attendu") from None
        else:
            values[key] = value
    values["settings"] = tuple(sorted(extra.items()))
    return Config(**values)


def load_config_file(path: str) -> Config:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{path}: fichier de configuration introuvable") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: lecture impossible ({exc})") from None
    if path.endswith(".cfg") or path.endswith(".ini"):
        parser = configparser.ConfigParser()
        try:
            parser.read_string(text, source=path)
        except configparser.Error as exc:
            line = getattr(exc, "lineno", 1)
            raise ConfigError(f"{path}:{line}: {exc.message.splitlines()[0]}") from None
        if not parser.has_section("tool:qc"):
            return Config(path=path)
        data = dict(parser.items("tool:qc"))
        if "severity" in data:
            data["severity"] = dict(
                item.split("=", 1) for item in re.split(r"[,\n]+", data["severity"]) if "=" in item
            )
            data["severity"] = {k.strip(): v.strip() for k, v in data["severity"].items()}
        return from_mapping(data, path, text)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        line = m.group(1) if m else "1"
        msg = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise ConfigError(f"{path}:{line}: TOML invalide : {msg}") from None
    if "tool" in data and isinstance(data["tool"], dict) and "qc" in data["tool"]:
        data = data["tool"]["qc"]
    return from_mapping(data, path, text)


def _has_qc_section(path: Path) -> bool:
    try:
        return "[tool:qc]" in path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False


def discover(start: str | None, explicit: str | None = None) -> Config:
    """The configuration that applies to files under `start`."""
    if explicit:
        return load_config_file(explicit)
    env = os.environ.get("QC_CONFIG")
    if env:
        return load_config_file(env)
    if start is not None:
        here = Path(start).resolve()
        if here.is_file() or not here.exists():
            here = here.parent
        for folder in (here, *here.parents):
            candidate = folder / ".qc.toml"
            if candidate.is_file():
                return load_config_file(str(candidate))
            setup = folder / "setup.cfg"
            if setup.is_file() and _has_qc_section(setup):
                return load_config_file(str(setup))
    user = Path(platformdirs.user_config_dir("qc")) / "config.toml"
    if user.is_file():
        return load_config_file(str(user))
    return Config()
