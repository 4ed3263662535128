"""Plain values need no Pydantic: Typer (0.2x) coerces each given value through a Pydantic ``TypeAdapter``, and
importing Pydantic for that costs a command about 60 ms (a tenth of a one-row ``dxtrack import``).

:func:`install` gives Typer's parameters annotated ``str``, ``bool`` or ``Path`` (no custom parser) a coercion of
their own: a value already of that type (a command-line value is a ``str``; an absent one is None) is kept, anything
else goes to Typer's coercion; a path becomes a ``Path`` and then goes through Typer's own path checks (exists,
readable, …) as before. Every other annotation keeps Typer's coercion. A Typer without this machinery
(older versions, Click's types) is left as it is. tests/test_cli_start.py checks that ``dxtrack import`` imports
no Pydantic.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from typer._click import Context
    from typer.core import _TyperParameter


def install() -> None:
    """Route ``str``, ``bool`` and ``Path`` parameters of every Typer command around Pydantic (once; idempotent)."""
    try:
        from typer._coercion import RuntimeParam, build_runtime_param
        from typer._param_types import coerce_cli_path
        from typer.core import _TyperParameter
    except ImportError:  # a Typer that does not coerce through Pydantic
        return
    typer_runtime_param = _TyperParameter.get_runtime_param
    if getattr(typer_runtime_param, "dxtrack_plain", False):
        return

    @dataclass(frozen=True)
    class Plain(RuntimeParam):
        def _coerce_value(self, value: Any, param: _TyperParameter, ctx: Context) -> Any:
            if isinstance(value, self.annotation):
                return value
            return build_runtime_param(param.type_descriptor)._coerce_value(value, param=param, ctx=ctx)

    @dataclass(frozen=True)
    class PlainPath(RuntimeParam):
        def _coerce_value(self, value: Any, param: _TyperParameter, ctx: Context) -> Any:
            path = Path(value) if isinstance(value, str) else value
            return coerce_cli_path(path, self.parameter_info, path_type=Path, param=param, ctx=ctx)

    def get_runtime_param(self: _TyperParameter) -> RuntimeParam:
        try:
            if self._runtime_param is None:
                info, annotation = self.type_descriptor.parameter_info, self.type_descriptor.annotation
                plain = info.parser is None and self.type_descriptor.file_annotation is None
                if plain and annotation in (str, bool):
                    self._runtime_param = Plain(parameter_info=info, annotation=annotation)
                elif plain and annotation is Path and info.path_type is None:
                    self._runtime_param = PlainPath(parameter_info=info, annotation=annotation)
        except (AttributeError, TypeError):  # a Typer whose private parts differ: its own coercion, unchanged
            pass
        return typer_runtime_param(self)

    get_runtime_param.dxtrack_plain = True  # type: ignore[attr-defined]
    _TyperParameter.get_runtime_param = get_runtime_param  # type: ignore[method-assign]
