"""Read an uncertainty/sensitivity analysis description (YAML) for ``dxtrack index sensitivity``.

```yaml
coinr: {idata: ASEM_iData.csv, imeta: ASEM_iMeta.csv}   # or: spec: my_index.yaml + data: tidy.csv
pipeline: example        # COINr's build_example_coin steps, or a pipeline mapping
type: SA                 # UA or SA
N: 100
nboot: 100
seed: 1
target: Index
factors:
  - {name: Winmax, kind: winmax, values: [1, 2, 3, 4, 5]}
  - {name: Normalisation, kind: normalise,
     alternatives: [{method: minmax, l_u: [1, 100]}, {method: zscore, m_sd: [10, 2]}]}
  - {name: Weights, kind: weights_noise, noise: {2: 0.25, 3: 0.25}, nrep: 100}
  - {name: Aggregation, kind: aggregate, alternatives: [amean, gmean]}
  - {name: Exclude, kind: exclude, codes: all}
```
Relative paths are resolved against the YAML file's folder.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from dxtrack.errors import InputError
from dxtrack.index import sensitivity as sa
from dxtrack.index.build import read_tidy, tidy_to_data
from dxtrack.index.coinr import example_coin_config
from dxtrack.index.pipeline import IndexData, PipelineConfig
from dxtrack.index.spec import IndexSpec, load_spec
from dxtrack.interop.coinr import load_coin


@dataclass
class AnalysisSpec:
    """Everything needed to run the analysis."""

    data: IndexData
    spec: IndexSpec
    base: PipelineConfig
    factors: list[sa.Factor]
    kind: str
    n: int
    nboot: int | None
    seed: int | None
    target: str | None


def load_analysis(path: str | Path) -> AnalysisSpec:
    """Parse the YAML file at ``path``."""
    p = Path(path)
    src = str(p)
    try:
        doc = yaml.safe_load(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError("file not found", file=src) from None
    except yaml.YAMLError as exc:
        raise InputError(f"not valid YAML: {exc}", file=src) from None
    if not isinstance(doc, dict):
        raise InputError("expected a mapping", file=src)

    def rel(v: Any) -> Path:
        q = Path(str(v))
        return q if q.is_absolute() else p.parent / q

    pipe: Any = doc.get("pipeline", {})
    if "coinr" in doc:
        c = doc["coinr"]
        spec, data = load_coin(rel(c["idata"]), rel(c["imeta"]))
        file_pipe: dict[str, Any] = {}
    elif "spec" in doc and "data" in doc:
        spec, file_pipe = load_spec(rel(doc["spec"]))
        data = tidy_to_data(read_tidy(rel(doc["data"])), spec, doc.get("period"), source=str(rel(doc["data"])))
    else:
        raise InputError("give either 'coinr: {idata, imeta}' or 'spec' and 'data'", file=src)
    if pipe == "example":
        base = example_coin_config()
    elif isinstance(pipe, dict):
        base = PipelineConfig.from_dict({**file_pipe, **pipe})
    else:
        raise InputError("'pipeline' must be 'example' or a mapping", file=src)
    seed = doc.get("seed")
    rng = np.random.default_rng(None if seed is None else int(seed) + 7919)
    factors: list[sa.Factor] = []
    for i, f in enumerate(doc.get("factors") or []):
        kind = f.get("kind")
        name = str(f.get("name", kind))
        where = f"factors[{i}]"
        if kind == "winmax":
            factors.append(sa.winmax_factor(f.get("values", [1, 2, 3, 4, 5]), name))
        elif kind == "normalise":
            factors.append(sa.normalise_factor(f["alternatives"], name))
        elif kind == "aggregate":
            factors.append(sa.aggregate_factor(f.get("alternatives", ["amean", "gmean"]), name))
        elif kind == "weights_noise":
            noise = {int(k): float(v) for k, v in (f.get("noise") or {}).items()}
            factors.append(sa.weights_factor(sa.noisy_weights(spec, noise, int(f.get("nrep", 100)), rng), name))
        elif kind == "exclude":
            codes = f.get("codes", "all")
            factors.append(sa.exclude_factor(list(spec.indicators) if codes == "all" else list(codes), name))
        else:
            raise InputError(
                f"{where}: unknown kind {kind!r} (winmax, normalise, aggregate, weights_noise, exclude)", file=src
            )
    if not factors:
        raise InputError("no 'factors' given", file=src)
    kind = str(doc.get("type", "UA")).upper()
    if kind not in ("UA", "SA"):
        raise InputError("type must be UA or SA", file=src)
    return AnalysisSpec(
        data=data,
        spec=spec,
        base=base,
        factors=factors,
        kind=kind,
        n=int(doc.get("N", 100)),
        nboot=doc.get("nboot", 100),
        seed=None if seed is None else int(seed),
        target=doc.get("target"),
    )
