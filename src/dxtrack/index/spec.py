"""Index specification: the tree indicators -> pillars -> sub-indices -> index.

A spec is a list of :class:`Node` (one per indicator or aggregate) with level, parent, weight,
direction and optional target. It can be read from a YAML tree (:func:`load_spec`) or from
COINr's ``iMeta`` table (:func:`dxtrack.interop.coinr.spec_from_imeta`). :class:`IndexSpec`
validates the tree the way COINr's ``check_iMeta`` does: indicators at level 1, each parent one
level up, unique codes, directions +-1, finite weights, no childless aggregate.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np
import yaml

from dxtrack.errors import InputError

NodeKind = Literal["indicator", "aggregate"]


@dataclass(frozen=True)
class Node:
    """One indicator (level 1) or aggregate (level >= 2) of the index tree."""

    code: str
    level: int
    parent: str | None
    weight: float = 1.0
    direction: int = 1
    name: str = ""
    kind: NodeKind = "indicator"
    target: float | None = None
    denominator: str | None = None
    params: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class AggLevel:
    """Compiled aggregation from level ``level - 1`` to ``level``."""

    level: int
    parents: tuple[str, ...]
    children: tuple[str, ...]
    child_parent: np.ndarray  # index into ``parents`` for each child
    weights: np.ndarray  # nominal weight of each child


class IndexSpec:
    """A validated index tree. Node order is kept as given (it fixes column order)."""

    def __init__(self, nodes: Sequence[Node], *, name: str = "index", source: str | None = None) -> None:
        self.name = name
        self.source = source
        self.nodes: tuple[Node, ...] = tuple(nodes)
        self._validate()
        self.by_code: dict[str, Node] = {n.code: n for n in self.nodes}
        self.max_level: int = max(n.level for n in self.nodes)
        self.indicators: tuple[str, ...] = tuple(n.code for n in self.nodes if n.level == 1)
        self.levels: tuple[AggLevel, ...] = self._compile_all()
        self.aggregates: tuple[str, ...] = tuple(c for lv in self.levels for c in lv.parents)

    # -- construction helpers -------------------------------------------------------------
    def _fail(self, msg: str, code: str | None = None) -> InputError:
        return InputError(msg if code is None else f"node '{code}': {msg}", file=self.source)

    def _validate(self) -> None:
        if not self.nodes:
            raise self._fail("the spec has no indicators")
        seen: set[str] = set()
        for n in self.nodes:
            if not n.code or not isinstance(n.code, str):
                raise self._fail("every node needs a non-empty string code")
            if n.code in seen:
                raise self._fail("duplicate code", n.code)
            seen.add(n.code)
            if n.level < 1:
                raise self._fail(f"level must be >= 1, got {n.level}", n.code)
            if n.direction not in (-1, 1):
                raise self._fail(f"direction must be 1 or -1, got {n.direction}", n.code)
            if not math.isfinite(n.weight):
                raise self._fail("weight must be a finite number", n.code)
            if (n.level == 1) != (n.kind == "indicator"):
                raise self._fail("indicators must be at level 1 and aggregates above it", n.code)
        codes = {n.code: n for n in self.nodes}
        top = max(n.level for n in self.nodes)
        for n in self.nodes:
            if n.parent is None:
                if n.level != top:
                    raise self._fail(f"only the top level ({top}) may have no parent", n.code)
                continue
            p = codes.get(n.parent)
            if p is None:
                raise self._fail(f"parent '{n.parent}' is not a node of the spec", n.code)
            if p.level != n.level + 1:
                raise self._fail(f"parent '{n.parent}' is at level {p.level}, expected level {n.level + 1}", n.code)
        parents = {n.parent for n in self.nodes}
        for n in self.nodes:
            if n.level > 1 and n.code not in parents:
                raise self._fail("aggregate has no children", n.code)

    def _compile_all(self) -> tuple[AggLevel, ...]:
        """Aggregation steps; the children of step L are exactly the parents of step L-1, in order."""
        out: list[AggLevel] = []
        prev = [n.code for n in self.nodes if n.level == 1]
        for level in range(2, self.max_level + 1):
            kids = [self.by_code[c] for c in prev]
            parents: list[str] = []
            for k in kids:  # COINr: unique(Parent[Level == level - 1])
                if k.parent is not None and k.parent not in parents:
                    parents.append(k.parent)
            idx = {p: i for i, p in enumerate(parents)}
            out.append(
                AggLevel(
                    level=level,
                    parents=tuple(parents),
                    children=tuple(prev),
                    child_parent=np.array([idx[k.parent] for k in kids if k.parent is not None], dtype=np.intp),
                    weights=np.array([k.weight for k in kids], dtype=np.float64),
                )
            )
            prev = parents
        return tuple(out)

    # -- queries ----------------------------------------------------------------------------
    @property
    def directions(self) -> np.ndarray:
        """Direction (+1/-1) of each indicator, in indicator order."""
        return np.array([self.by_code[c].direction for c in self.indicators], dtype=np.float64)

    @property
    def targets(self) -> np.ndarray:
        """Target of each indicator (NaN where none), in indicator order."""
        return np.array(
            [np.nan if self.by_code[c].target is None else self.by_code[c].target for c in self.indicators],
            dtype=np.float64,
        )

    def weights(self) -> dict[str, float]:
        """Nominal weight of every node."""
        return {n.code: n.weight for n in self.nodes}

    def children(self, code: str) -> list[str]:
        """Codes of the direct children of ``code``, in spec order."""
        return [n.code for n in self.nodes if n.parent == code]

    def codes_at(self, level: int) -> list[str]:
        """Codes of all nodes at ``level``."""
        return [n.code for n in self.nodes if n.level == level]

    def lineage(self, indicator: str) -> list[str]:
        """The indicator and its ancestors up to the top."""
        out = [indicator]
        while (p := self.by_code[out[-1]].parent) is not None:
            out.append(p)
        return out

    def without(self, exclude: Sequence[str]) -> IndexSpec:
        """A copy without the given nodes; aggregates left childless are dropped (as COINr)."""
        drop = set(exclude)
        unknown = drop - set(self.by_code)
        if unknown:
            raise InputError(f"cannot exclude unknown codes: {', '.join(sorted(unknown))}", file=self.source)
        nodes = [n for n in self.nodes if n.code not in drop]
        while True:
            parents = {n.parent for n in nodes}
            keep = [n for n in nodes if n.level == 1 or n.code in parents]
            if len(keep) == len(nodes):
                break
            nodes = keep
        return IndexSpec(nodes, name=self.name, source=self.source)

    def to_dict(self) -> dict[str, Any]:
        """The spec as a YAML-ready tree."""

        def sub(code: str) -> dict[str, Any]:
            n = self.by_code[code]
            d: dict[str, Any] = {"code": n.code}
            if n.name and n.name != n.code:
                d["name"] = n.name
            d["weight"] = n.weight
            if n.level == 1:
                d["direction"] = n.direction
                if n.target is not None:
                    d["target"] = n.target
                if n.denominator:
                    d["denominator"] = n.denominator
                d.update(dict(n.params))
            else:
                d["children"] = [sub(c) for c in self.children(code)]
            return d

        roots = [n.code for n in self.nodes if n.parent is None]
        return {"name": self.name, "index": [sub(r) for r in roots] if len(roots) > 1 else sub(roots[0])}


# ---------------------------------------------------------------------------------------------
# readers


#: numeric per-node normalisation parameters (YAML keys and iMeta columns)
NODE_PARAMS = (
    "goalpost_lower",
    "goalpost_upper",
    "goalpost_scale",
    "minmax_lower",
    "minmax_upper",
    "zscore_mean",
    "zscore_sd",
)


def _num(value: Any, what: str, where: str, source: str | None) -> float:
    try:
        out = float(value)
    except (TypeError, ValueError):
        raise InputError(f"{where}: {what} must be a number, got {value!r}", file=source) from None
    return out


def spec_from_tree(doc: Mapping[str, Any], *, source: str | None = None) -> IndexSpec:
    """Build a spec from a YAML/JSON tree: ``{name, index: {code, weight, children: [...]}}``.

    Leaves are indicators (level 1) with ``direction`` (default 1), ``weight`` (default 1),
    optional ``target``, ``denominator`` and goalpost/min-max/z-score parameters; inner nodes are
    aggregates. All leaves must be at the same depth, as in COINr.
    """
    if not isinstance(doc, Mapping) or "index" not in doc:
        raise InputError("expected a mapping with an 'index' tree", file=source)
    roots = doc["index"] if isinstance(doc["index"], list) else [doc["index"]]
    raw: list[tuple[dict[str, Any], str | None, int]] = []

    def walk(node: Any, parent: str | None, depth: int, path: str) -> None:
        if not isinstance(node, Mapping) or "code" not in node:
            raise InputError(f"{path}: each node needs a 'code'", file=source)
        raw.append((dict(node), parent, depth))
        kids = node.get("children") or []
        if not isinstance(kids, list):
            raise InputError(f"{path}: 'children' must be a list", file=source)
        for i, k in enumerate(kids):
            walk(k, str(node["code"]), depth + 1, f"{path}.children[{i}]")

    for i, r in enumerate(roots):
        walk(r, None, 0, f"index[{i}]")
    leaf_depths = {d for node, _, d in raw if not node.get("children")}
    if len(leaf_depths) != 1:
        raise InputError("all indicators (leaves) must be at the same depth of the tree", file=source)
    leaf_depth = leaf_depths.pop()
    nodes: list[Node] = []
    for node, parent, depth in raw:
        code = str(node["code"])
        where = f"node '{code}'"
        is_leaf = not node.get("children")
        target = node.get("target")
        params = {k: _num(node[k], k, where, source) for k in NODE_PARAMS if k in node}
        direction = node.get("direction", 1)
        if direction not in (1, -1):
            raise InputError(f"{where}: direction must be 1 or -1, got {direction!r}", file=source)
        nodes.append(
            Node(
                code=code,
                level=leaf_depth - depth + 1,
                parent=parent,
                weight=_num(node.get("weight", 1.0), "weight", where, source),
                direction=int(direction),
                name=str(node.get("name", code)),
                kind="indicator" if is_leaf else "aggregate",
                target=None if target is None else _num(target, "target", where, source),
                denominator=node.get("denominator"),
                params=params,
            )
        )
    # indicators first, then aggregates level by level (COINr's iMeta order)
    nodes.sort(key=lambda n: n.level)
    return IndexSpec(nodes, name=str(doc.get("name", "index")), source=source)


def load_spec(path: str | Path) -> tuple[IndexSpec, dict[str, Any]]:
    """Read a YAML spec file; returns the spec and the optional ``pipeline`` section."""
    p = Path(path)
    try:
        doc = yaml.safe_load(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError("file not found", file=str(p)) from None
    except yaml.YAMLError as exc:
        raise InputError(f"not valid YAML: {exc}", file=str(p)) from None
    spec = spec_from_tree(doc, source=str(p))
    pipe = doc.get("pipeline") or {}
    if not isinstance(pipe, dict):
        raise InputError("'pipeline' must be a mapping of step -> options", file=str(p))
    return spec, pipe
