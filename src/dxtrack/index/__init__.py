"""Composite-index engine: spec, pipeline (denominate, impute, screen, treat, normalise, aggregate),
COINr-equivalent options, uncertainty/sensitivity analysis, provincial re-aggregation and disparity
(COINr's iData/iMeta tables are read by :mod:`dxtrack.interop.coinr`)."""

from dxtrack.index.aggregate import AggSpec
from dxtrack.index.normalise import NormSpec
from dxtrack.index.pipeline import IndexData, IndexResult, PipelineConfig, results_json, run
from dxtrack.index.spec import IndexSpec, Node, load_spec, spec_from_tree
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
    "spec_from_tree",
]
