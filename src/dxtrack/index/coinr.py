"""COINr's construction steps as dxtrack pipeline options (the methods; the tables are read by
:mod:`dxtrack.interop.coinr`).

:func:`coinr_config` gives the options of::

    coin <- Treat(coin, dset = "Raw")                       # unless treat = "none"
    coin <- Normalise(coin, dset = "Treated")               # or another n_* method
    coin <- Aggregate(coin, dset = "Normalised")            # or a_gmean / a_hmean / a_copeland

Normalisation names map to COINr as: minmax -> ``n_minmax(l_u = c(0, 100))``, zscore ->
``n_zscore(m_sd = c(0, 1))``, rank/prank/borda/fracmax/dist2max -> ``n_rank``/``n_prank``/...,
dist2targ -> ``n_dist2targ`` with ``f_n_para = "use_iMeta"`` (target = iMeta Target x Direction,
no cap). Aggregation uses the iMeta weights; copeland runs with ``by_df = TRUE``.
"""

from __future__ import annotations

from dxtrack.errors import InputError
from dxtrack.index.aggregate import AggSpec
from dxtrack.index.normalise import NormSpec
from dxtrack.index.pipeline import PipelineConfig
from dxtrack.index.treat import TreatSpec

NORMALISE_CHOICES = ("minmax", "zscore", "rank", "prank", "borda", "fracmax", "dist2max", "dist2targ")
AGGREGATE_CHOICES = ("amean", "gmean", "hmean", "copeland")
TREAT_CHOICES = ("none", "default")


def coinr_config(treat: str = "default", normalise: str = "minmax", aggregate: str = "amean") -> PipelineConfig:
    """Pipeline options equivalent to the COINr calls described in the module docstring."""
    if treat not in TREAT_CHOICES:
        raise InputError(f"--treat must be one of {', '.join(TREAT_CHOICES)}, got '{treat}'")
    if normalise not in NORMALISE_CHOICES:
        raise InputError(f"--normalise must be one of {', '.join(NORMALISE_CHOICES)}, got '{normalise}'")
    if aggregate not in AGGREGATE_CHOICES:
        raise InputError(f"--aggregate must be one of {', '.join(AGGREGATE_CHOICES)}, got '{aggregate}'")
    return PipelineConfig(
        treat=TreatSpec.from_dict(treat),
        normalise=NormSpec(method=normalise),
        aggregate=AggSpec(method=aggregate),
    )


def example_coin_config(winmax: int = 5) -> PipelineConfig:
    """COINr's ``build_example_coin()``: Denominate, Impute (group mean by EurAsia_group),
    Screen (byNA, 0.9), Treat (winmax 5), Normalise (minmax 0-100), Aggregate (amean)."""
    return PipelineConfig(
        denominate=True,
        impute="mean_grp",
        impute_group="EurAsia_group",
        screen="byNA",
        screen_dat_thresh=0.9,
        treat=TreatSpec(winmax=winmax),
        normalise=NormSpec(method="minmax", params={"l_u": (0.0, 100.0)}),
        aggregate=AggSpec(method="amean"),
    )
