"""Composite-index engine: spec, pipeline (denominate, impute, screen, treat, normalise, aggregate),
COINr interop, uncertainty/sensitivity analysis, provincial re-aggregation and disparity."""

from dxtrack.index.aggregate import AggSpec
from dxtrack.index.normalise import NormSpec
from dxtrack.index.pipeline import IndexData, IndexResult, PipelineConfig, results_json, run
from dxtrack.index.spec import IndexSpec, Node, load_spec, spec_from_imeta, spec_from_tree
from dxtrack.index.treat import TreatSpec

__all__ = [
    "AggSpec",
    "IndexData",
    "IndexResult",
    "IndexSpec",
    "Node",
    "NormSpec",
    "PipelineConfig",
    "TreatSpec",
    "load_spec",
    "results_json",
    "run",
    "spec_from_imeta",
    "spec_from_tree",
]
