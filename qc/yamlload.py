"""YAML loading that remembers where every mapping starts.

Data-file errors must say `file:line: field: problem`; PyYAML's safe loader
forgets positions, so this loader records each mapping's line under `__line__`.
"""
from __future__ import annotations

from typing import Any

import yaml

from qc.errors import DataError

LINE = "__line__"


class _LineLoader(yaml.SafeLoader):
    pass


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping[LINE] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
# keep dates as strings: the schema parses them with precision (YYYY, YYYY-MM, YYYY-MM-DD)
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))


def load_yaml(path: str) -> Any:
    try:
        with open(path, encoding="utf-8") as fh:
            return yaml.load(fh, Loader=_LineLoader)  # noqa: S506 (SafeLoader subclass)
    except FileNotFoundError:
        raise DataError(f"{path}: fichier introuvable") from None
    except UnicodeDecodeError as exc:
        raise DataError(f"{path}: UTF-8 invalide ({exc.reason})") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise DataError(f"{path}:{line}: YAML invalide : {problem}") from None


def strip_lines(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: strip_lines(v) for k, v in value.items() if k != LINE}
    if isinstance(value, list):
        return [strip_lines(v) for v in value]
    return value
