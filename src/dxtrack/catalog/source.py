"""Reading pack YAML while remembering where every key came from (file and line).

A pack is one YAML file or a folder of YAML files whose top-level keys are merged. Each file is
*composed* (not just loaded) so that a key path such as ``("targets", 3, "deadline")`` can be turned
into ``targets.yaml`` line 57 when a problem is reported.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from dxtrack.catalog.problems import Problem

Loc = tuple[str | int, ...]

# the C loader (libyaml) is much faster; fall back to pure Python where it is missing
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

PACK_SUFFIXES = (".yaml", ".yml")


def format_loc(loc: Sequence[str | int]) -> str:
    """``("targets", 3, "deadline")`` -> ``targets[3].deadline``."""
    out = ""
    for comp in loc:
        if isinstance(comp, int):
            out += f"[{comp}]"
        else:
            out += f".{comp}" if out else str(comp)
    return out


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def _walk(root: yaml.Node, loc: Loc) -> tuple[int, int, bool]:
    """Follow ``loc`` into the node tree.

    Returns (line of the deepest node reached, number of loc components consumed, whether the last
    consumed component was a mapping key — then the line is the key's line).
    """
    node = root
    line = _line(root)
    consumed = 0
    for comp in loc:
        if isinstance(node, yaml.MappingNode) and isinstance(comp, str):
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode) and key_node.value == comp:
                    line = _line(key_node)
                    node = value_node
                    break
            else:
                return line, consumed, False
        elif isinstance(node, yaml.SequenceNode) and isinstance(comp, int) and 0 <= comp < len(node.value):
            node = node.value[comp]
            line = _line(node)
        else:
            return line, consumed, False
        consumed += 1
    return line, consumed, True


@dataclass
class PackSource:
    """The files of a pack: which file holds each top-level key, and each file's node tree."""

    path: Path
    default_file: str
    key_files: dict[str, str] = field(default_factory=dict)
    roots: dict[str, yaml.Node] = field(default_factory=dict)
    unreadable: list[str] = field(default_factory=list)  # files that could not be read or parsed

    def file_for(self, loc: Loc) -> str:
        if loc and isinstance(loc[0], str) and loc[0] in self.key_files:
            return self.key_files[loc[0]]
        return self.default_file

    def locate(self, loc: Loc) -> tuple[str, int | None, int]:
        """(file, line or None, number of loc components found in the YAML)."""
        file = self.file_for(loc)
        root = self.roots.get(file)
        if root is None:
            return file, None, 0
        line, consumed, _ = _walk(root, loc)
        return file, line, consumed

    def problem(self, loc: Loc, message: str) -> Problem:
        file, line, _ = self.locate(loc)
        return Problem(file=file, location=format_loc(loc), message=message, line=line)


def _duplicate_keys(node: yaml.Node, path: list[str | int], out: list[tuple[Loc, int, str]]) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if isinstance(key, str):
                if key in seen:
                    out.append(
                        (
                            (*path, key),
                            _line(key_node),
                            f"duplicate key '{key}' (first given at line {seen[key]}); YAML would keep only the last",
                        )
                    )
                else:
                    seen[key] = _line(key_node)
                _duplicate_keys(value_node, [*path, key], out)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _duplicate_keys(item, [*path, i], out)


def pack_files(path: Path) -> list[Path]:
    """The YAML files that make up the pack at ``path`` (a file, or every *.yaml/*.yml in a folder)."""
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.is_file() and p.suffix in PACK_SUFFIXES)
    return [path]


def read_pack(path: Path) -> tuple[dict[str, Any], PackSource, list[Problem]]:
    """Read and merge the YAML of a pack. Returns the merged data, where it came from, and problems."""
    problems: list[Problem] = []
    if path.is_dir():
        files = pack_files(path)
        default = "pack.yaml" if (path / "pack.yaml").exists() else (files[0].name if files else "pack.yaml")
        display = {p: p.name for p in files}
        if not files:
            problems.append(Problem(file=str(path), location="", message="no *.yaml files in this folder"))
    else:
        files = [path]
        default = path.name
        display = {path: path.name}
        if not path.exists():
            problems.append(Problem(file=str(path), location="", message="file not found"))
            files = []
    source = PackSource(path=path, default_file=default)
    merged: dict[str, Any] = {}
    for file in files:
        name = display[file]
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(Problem(file=name, location="", message=f"cannot read file as UTF-8 text: {exc}"))
            source.unreadable.append(name)
            continue
        try:
            root = yaml.compose(text, Loader=_Loader)
            data = yaml.load(text, Loader=_Loader)  # a SafeLoader: no arbitrary objects
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
            line = int(mark.line) + 1 if mark is not None else None
            what = getattr(exc, "problem", None) or str(exc)
            ctx = getattr(exc, "context", None)
            ctx_mark = getattr(exc, "context_mark", None)
            msg = f"YAML syntax error: {what}"
            if ctx:
                msg += f" ({ctx}"
                if ctx_mark is not None and int(ctx_mark.line) + 1 != line:
                    msg += f" that starts at line {int(ctx_mark.line) + 1}"
                msg += ")"
            problems.append(Problem(file=name, location="", message=msg, line=line))
            source.unreadable.append(name)
            continue
        if root is None or data is None:
            continue  # an empty file contributes nothing
        if not isinstance(root, yaml.MappingNode) or not isinstance(data, dict):
            problems.append(
                Problem(
                    file=name,
                    location="",
                    message="expected a mapping of top-level keys (e.g. 'targets: [...]')",
                    line=_line(root),
                )
            )
            continue
        dups: list[tuple[Loc, int, str]] = []
        _duplicate_keys(root, [], dups)
        problems.extend(Problem(file=name, location=format_loc(loc), message=m, line=ln) for loc, ln, m in dups)
        source.roots[name] = root
        for key_node, _ in root.value:
            key = key_node.value
            if source.key_files.get(key) == name:
                continue  # repeated in the same file: already reported as a duplicate key
            if key in source.key_files:
                problems.append(
                    Problem(
                        file=name,
                        location=str(key),
                        message=f"top-level key '{key}' is also given in {source.key_files[key]}; "
                        "each key must be in one file only",
                        line=_line(key_node),
                    )
                )
                continue
            source.key_files[str(key)] = name
            merged[str(key)] = data.get(key)
    return merged, source, problems


# -- pydantic errors -> problems ------------------------------------------------------------------


def _unwrap(tp: Any) -> list[Any]:
    """The alternatives of a union (or the type itself)."""
    origin = typing.get_origin(tp)
    if origin is typing.Union or origin is types.UnionType:
        return [a for a in typing.get_args(tp) if a is not type(None)]
    return [tp]


def _model_at(root: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The pydantic model that holds the last component of ``loc`` (None if it cannot be resolved)."""
    current: list[Any] = [root]
    for comp in loc[:-1]:
        nxt: list[Any] = []
        for tp in current:
            for alt in _unwrap(tp):
                if isinstance(alt, type) and issubclass(alt, BaseModel):
                    if isinstance(comp, str) and comp in alt.model_fields:
                        nxt.append(alt.model_fields[comp].annotation)
                elif typing.get_origin(alt) in (list, tuple) and isinstance(comp, int):
                    args = [a for a in typing.get_args(alt) if a is not Ellipsis]
                    if args:
                        nxt.append(args[0])
                elif typing.get_origin(alt) is dict and isinstance(comp, str):
                    nxt.append(typing.get_args(alt)[1])
        current = nxt
        if not current:
            return None
    for tp in current:
        for alt in _unwrap(tp):
            if isinstance(alt, type) and issubclass(alt, BaseModel):
                return alt
    return None


def _short(value: Any, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def pydantic_problems(errors: list[Any], source: PackSource, root_model: type[BaseModel]) -> list[Problem]:
    """Turn pydantic ``ValidationError.errors()`` into problems with file, key path and line."""
    problems: list[Problem] = []
    seen: set[tuple[str, str, str]] = set()
    for err in errors:
        loc: Loc = tuple(err.get("loc", ()))
        etype = str(err.get("type", ""))
        file, line, consumed = source.locate(loc)
        # keep the part of loc that exists in the YAML; for a missing/unknown key keep that key too;
        # drop pydantic's union tags ('list[str]', 'function-after[...]').
        keep = consumed + 1 if etype in ("missing", "extra_forbidden") and consumed < len(loc) else consumed
        if source.roots.get(file) is None:
            keep = len(loc)
        shown = loc[:keep]
        if not shown and loc:
            shown = loc[:1]
        msg = str(err.get("msg", "invalid value"))
        if etype == "missing":
            msg = f"required key '{loc[-1]}' is missing" if loc else "required key is missing"
        elif etype == "extra_forbidden":
            model = _model_at(root_model, loc)
            allowed = f"; allowed keys: {', '.join(model.model_fields)}" if model is not None else ""
            msg = f"unknown key '{loc[-1]}'{allowed}"
        else:
            extra = err.get("ctx", {}) or {}
            if etype in ("literal_error", "enum") and "expected" in extra:
                msg = f"expected one of {extra['expected']}"
            if "input" in err and not isinstance(err["input"], dict | list):
                msg += f"; got {_short(err['input'])}"
        location = format_loc(shown)
        key = (file, location, msg)
        if key in seen:  # unions report the same input once per alternative
            continue
        seen.add(key)
        problems.append(Problem(file=file, location=location, message=msg, line=line))
    return problems
