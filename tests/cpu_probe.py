"""Find printed numbers that a last-bit difference between CPUs could change.

Stored notebook outputs, doctests and worked-example tests compare text. A number
printed at a precision where it sits (almost) exactly on a rounding boundary
(0.97525 printed with four decimals) or printed with every digit a float has
(``0.30000000000000004``) changes when another CPU, BLAS kernel or SIMD path
computes its last bit differently. This probe rewrites code as it is compiled so
that every formatted number passes through a check first:

- fields with a format spec (``{x:.4f}``, ``{x:.1%}``, ``{x:,.0f}``, ``{x:.3g}``)
  and ``round(x, n)``: flagged when ``x`` lies within a relative ``1e-9`` of the
  point where the printed digits change, or when the spec prints more digits
  than a double holds stably (``f"{0.1 + 0.2:.17f}"``);
- f-string fields without a spec, ``!r``/``!s`` conversions, ``str(x)``,
  ``print(x)``, a cell's or doctest's displayed value: flagged when a float in
  them is shown with more than 13 significant digits (its repr is then its last
  bits) or when numpy prints an array element at a boundary of its 8 digits.

It is switched on by the environment variable ``COORDLAB_CPU_PROBE`` (a file to
append findings to, one JSON object per line):

- in a Jupyter kernel (nbval), through an IPython startup file that the
  repository's ``conftest.py`` writes into a temporary ``IPYTHONDIR``: cells are
  rewritten by an IPython AST transformer, ``coordlab`` modules by an import hook;
- in pytest itself (doctests, tests), by the repository's ``conftest.py``: the
  same import hook for ``coordlab``, the test modules through pytest's assertion
  rewriter, ``round`` and the doctest display hook wrapped.

What it checks: f-string fields, ``format()``, ``str.format``, ``%`` formatting,
``round``, ``np.round``/``np.around``/``x.round``, ``print`` and ``str`` (starred
arguments too) and a cell's or doctest's displayed value.

The probe returns every value unchanged, so a probed run must still match the
stored outputs. ``./course test`` runs it (on Python 3.12's stage) and fails on any
finding; ``tests/test_cpu_probe.py`` tests the probe itself. The relative margin of ``1e-9`` is about four million
units in the last place: far more than BLAS kernels, SIMD paths or libm
implementations differ by for the course's computations.
"""

from __future__ import annotations

import ast
import builtins
import dataclasses
import decimal
import importlib.abc
import importlib.machinery
import json
import math
import os
import re
import string
import sys
from typing import Any

REL = 1e-9
MAX_REPR_DIGITS = 13
CLEAN_UP = 1e-7  # a round() to a step finer than this, relative to the value, is a clean-up, not a result
ENV = "COORDLAB_CPU_PROBE"
_SPEC = re.compile(r"^(?:.?[<>=^])?[+\- ]?z?#?0?(\d+)?([,_])?(?:\.(\d+))?([eEfFgG%n])?$")

_where: list[str] = ["?"]  # the current notebook cell or test, set by the harness


_exempt: list[str] = []


class exempt:
    """``with cpu_probe.exempt("why"):`` a block whose formatting is not a stored result (the reason is required)."""

    def __init__(self, reason: str):
        if not reason:
            raise ValueError("say why the block is exempt")
        self.reason = reason

    def __enter__(self):
        _exempt.append(self.reason)

    def __exit__(self, *exc):
        _exempt.pop()


def _record(kind: str, value: Any, detail: str, location: str) -> None:
    path = os.environ.get(ENV)
    if not path or _exempt:
        return
    entry = {"kind": kind, "value": repr(value)[:80], "detail": detail, "where": location, "context": _where[0]}
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(json.dumps(entry) + "\n")


def _is_float(x: Any) -> bool:
    if isinstance(x, bool):
        return False
    if isinstance(x, float):
        return True
    np = sys.modules.get("numpy")
    return np is not None and isinstance(x, np.floating)


def _step(x: float, spec_type: str, precision: int) -> float | None:
    """The width of one printed unit at this precision, or None if the format shows every digit."""
    if spec_type in ("f", "F"):
        return 10.0**-precision
    if spec_type == "%":
        return 10.0 ** -(precision + 2)
    if spec_type in ("e", "E"):
        return 10.0 ** (math.floor(math.log10(abs(x))) - precision) if x else None
    if spec_type in ("g", "G", "n", ""):
        if x == 0:
            return None
        exponent = math.floor(math.log10(abs(x)))
        return 10.0 ** (exponent - max(precision, 1) + 1)
    return None


def near_boundary(x: float, step: float) -> bool:
    """Whether ``x`` is within the margin of a point where rounding to multiples of ``step`` changes.

    The margin is ``REL`` relative to ``x``, but never more than a thousandth of ``step``: a
    number printed with ten significant digits is at risk only when it sits that close to a tie.
    """
    if not math.isfinite(x) or x == 0 or step <= 0:
        return False
    with decimal.localcontext() as ctx:
        ctx.prec = 60  # enough for a double's exact value divided by a power of ten
        unit = decimal.Decimal(repr(step))
        d = decimal.Decimal(x) / unit
        frac = d - d.to_integral_value(rounding=decimal.ROUND_FLOOR)
        distance = abs(frac - decimal.Decimal("0.5")) * unit
        margin = min(decimal.Decimal(abs(x)) * decimal.Decimal(REL), unit / 1000)
        return distance <= margin


def _long_repr(x: float) -> bool:
    text = repr(float(x))
    if "e" in text:
        mantissa = text.split("e")[0]
    else:
        mantissa = text
    digits = mantissa.replace("-", "").replace(".", "").lstrip("0")
    return len(digits) > MAX_REPR_DIGITS


def _safe(check):
    """A probe never changes what the probed code does: a failure of the check itself is recorded, not raised."""
    import functools

    @functools.wraps(check)
    def wrapper(value, *args):
        try:
            return check(value, *args)
        except Exception as exc:  # noqa: BLE001 - the probed program must run on
            _record("probe-error", value, f"{check.__name__}: {exc!r}", str(args[-1]) if args else "?")
            return value

    return wrapper


@_safe
def check_format(value: Any, spec: str, location: str) -> Any:
    """The f-string field ``{value:spec}``: flag it if its digits are at the mercy of the last bit."""
    if not _is_float(value) or not spec:
        return show(value, location)
    m = _SPEC.match(spec)
    if not m:
        return value
    precision = int(m.group(3)) if m.group(3) is not None else 6
    spec_type = m.group(4) or ""
    x = float(value)
    if not math.isfinite(x):
        return value
    if spec_type == "" and m.group(3) is None:
        return show(value, location)  # {x:>10}: repr
    if spec_type == "" and m.group(3) is not None:
        spec_type = "g"  # {x:.3} formats like g
    step = _step(x, spec_type, precision)
    if step is not None and step < abs(x) * 1e-13 and format(x, spec) != format(float(f"{x:.13g}"), spec):
        # more digits than a double holds stably: 0.1 + 0.2 at 17 decimals shows its last bits
        _record("format", value, f"{{:{spec}}} -> {format(value, spec)}: more digits than are stable", location)
        return value
    if step is not None and near_boundary(
        x * (100.0 if spec_type == "%" else 1.0), step * (100.0 if spec_type == "%" else 1.0)
    ):
        _record("format", value, f"{{:{spec}}} -> {format(value, spec)}", location)
    return value


def format_builtin(value: Any, spec: str, location: str) -> str:
    """``format(value, spec)``, checked like an f-string field."""
    check_format(value, spec, location)
    return format(value, spec)


def str_format(template: str, location: str, *args, **kwargs) -> str:
    """``template.format(*args, **kwargs)``, each replacement field checked like an f-string field."""
    try:
        formatter, auto = string.Formatter(), 0
        for _, field, spec, conversion in formatter.parse(template):
            if field is None:
                continue
            if field == "":
                field, auto = str(auto), auto + 1
            value, _ = formatter.get_field(field, args, kwargs)
            if conversion:
                show(value, location)
            else:
                check_format(value, spec or "", location)
    except Exception as exc:  # noqa: BLE001 - the call itself below raises what it raises
        _record("probe-error", template, f"str_format: {exc!r}", location)
    return template.format(*args, **kwargs)


_PERCENT = re.compile(r"%(?:\(([^)]*)\))?[#0\- +]*(?:\d+|\*)?(?:\.(\d+|\*))?[hlL]?([diouxXeEfFgGcrsa%])")


def percent(template: str, values: Any, location: str) -> str:
    """``template % values``, each ``%f``/``%e``/``%g`` conversion checked, ``%r``/``%s`` shown."""
    try:
        items = values if isinstance(values, tuple) else (values,)
        position = 0
        for m in _PERCENT.finditer(template):
            key, precision, kind = m.groups()
            if kind == "%":
                continue
            if key is not None:
                value = values[key]
            else:
                value = items[position] if position < len(items) else None
                position += 1
            if kind in "eEfFgG":
                check_format(value, f".{precision if precision not in (None, '*') else 6}{kind}", location)
            elif kind in "rsa":
                show(value, location)
    except Exception as exc:  # noqa: BLE001
        _record("probe-error", template, f"percent: {exc!r}", location)
    return template % values


def _check_elements(x: Any, decimals: Any, location: str, what: str) -> None:
    np = sys.modules.get("numpy")
    if np is None or not isinstance(decimals, int):
        return
    arr = np.asarray(x)
    if arr.dtype.kind != "f" or arr.size > 100_000:
        return
    step = 10.0**-decimals
    for v in arr.ravel()[:200]:
        v = float(v)
        if math.isfinite(v) and step >= CLEAN_UP * abs(v) and near_boundary(v, step):
            _record("round", v, f"{what}(x, {decimals})", location)
            return


def np_round(func, location: str, x, decimals=0, *args, **kwargs):
    """``np.round(x, decimals)`` / ``np.around``: each element checked like ``round``."""
    try:
        _check_elements(x, kwargs.get("decimals", decimals), location, "np.round")
    except Exception as exc:  # noqa: BLE001
        _record("probe-error", x, f"np_round: {exc!r}", location)
    if "decimals" in kwargs:
        return func(x, *args, **kwargs)
    return func(x, decimals, *args, **kwargs)


def method_round(receiver, location: str, *args, **kwargs):
    """``receiver.round(decimals)`` (a numpy array or scalar): its elements checked like ``round``."""
    try:
        decimals = kwargs.get("decimals", args[0] if args else 0)
        _check_elements(receiver, decimals, location, ".round")
    except Exception as exc:  # noqa: BLE001
        _record("probe-error", receiver, f"method_round: {exc!r}", location)
    return receiver.round(*args, **kwargs)


def show_each(values, location: str):
    """``print(*values)``: each value shown."""
    values = list(values)
    for v in values:
        show(v, location)
    return values


def check_round(x: Any, ndigits: Any = None, location: str = "?") -> Any:
    try:
        _check_round(x, ndigits, location)
    except Exception as exc:  # noqa: BLE001
        _record("probe-error", x, f"round: {exc!r}", location)
    return builtins_round(x) if ndigits is None else builtins_round(x, ndigits)


def _check_round(x: Any, ndigits: Any, location: str) -> None:
    if _is_float(x) and (ndigits is None or isinstance(ndigits, int)):
        step = 10.0 ** -(ndigits or 0)
        # round(x, 12) in a model snaps round-off; what it returns is checked where it is printed
        if step >= CLEAN_UP * abs(float(x)) and near_boundary(float(x), step):
            _record("round", x, f"round(x, {ndigits})", location)


builtins_round = builtins.round


@_safe
def show(value: Any, location: str, depth: int = 0) -> Any:
    """``value`` shown as text (repr/str/print/display): flag floats shown with all their bits."""
    if depth > 3:
        return value
    if _is_float(value):
        if math.isfinite(float(value)) and _long_repr(value):
            _record("repr", value, "printed with every digit", location)
        return value
    np = sys.modules.get("numpy")
    if np is not None and isinstance(value, np.ndarray):
        if value.dtype.kind == "f" and 0 < value.size <= 10_000:
            opts = np.get_printoptions()
            flat = value.ravel()
            finite = flat[np.isfinite(flat)]
            if finite.size and not opts.get("floatmode") == "unique":
                prec = opts["precision"]
                for x in finite[:200]:
                    if near_boundary(float(x), 10.0**-prec):
                        _record("array", float(x), f"numpy prints {prec} decimals", location)
                        break
        return value
    if isinstance(value, (list, tuple)):
        for item in value[:200]:
            show(item, location, depth + 1)
    elif isinstance(value, dict):
        for item in list(value.values())[:200]:
            show(item, location, depth + 1)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value)[:50]:
            show(getattr(value, f.name, None), location, depth + 1)
    return value


class Rewriter(ast.NodeTransformer):
    """Route formatted values, ``round`` and ``print``/``str`` arguments through the checks."""

    def __init__(self, label: str, display_last: bool = False):
        self.label = label
        self.display_last = display_last

    def _loc(self, node: ast.AST) -> ast.Constant:
        return ast.Constant(f"{self.label}:{getattr(node, 'lineno', '?')}")

    @staticmethod
    def _probe(name: str) -> ast.Attribute:
        return ast.Attribute(value=ast.Name("__coordlab_cpu_probe__", ast.Load()), attr=name, ctx=ast.Load())

    def visit_FormattedValue(self, node: ast.FormattedValue) -> ast.AST:
        self.generic_visit(node)
        if node.conversion in (ord("r"), ord("s")):
            node.value = ast.Call(self._probe("show"), [node.value, self._loc(node)], [])
            return node
        spec = node.format_spec if node.format_spec is not None else ast.Constant("")
        node.value = ast.Call(self._probe("check_format"), [node.value, spec, self._loc(node)], [])
        return node

    def visit_Call(self, node: ast.Call) -> ast.AST:
        self.generic_visit(node)
        func, loc = node.func, self._loc(node)
        if isinstance(func, ast.Name) and func.id == "round" and 1 <= len(node.args) <= 2 and not node.keywords:
            return ast.Call(
                self._probe("check_round"),
                [*node.args] + ([] if len(node.args) == 2 else [ast.Constant(None)]) + [loc],
                [],
            )
        if isinstance(func, ast.Name) and func.id == "format" and len(node.args) == 2 and not node.keywords:
            return ast.Call(self._probe("format_builtin"), [*node.args, loc], [])
        if (
            isinstance(func, ast.Attribute)
            and func.attr == "format"
            and isinstance(func.value, ast.Constant)
            and isinstance(func.value.value, str)
        ):
            return ast.Call(self._probe("str_format"), [func.value, loc, *node.args], node.keywords)
        if isinstance(func, ast.Attribute) and func.attr in ("round", "around"):
            if isinstance(func.value, ast.Name) and func.value.id in ("np", "numpy"):  # np.round(x, d)
                return ast.Call(self._probe("np_round"), [func, loc, *node.args], node.keywords)
            if func.attr == "round":  # x.round(d): the receiver is evaluated once, as before
                return ast.Call(self._probe("method_round"), [func.value, loc, *node.args], node.keywords)
        if isinstance(func, ast.Name) and func.id in ("print", "str"):
            node.args = [
                ast.Starred(ast.Call(self._probe("show_each"), [a.value, loc], []), ast.Load())
                if isinstance(a, ast.Starred)
                else ast.Call(self._probe("show"), [a, loc], [])
                for a in node.args
            ]
        return node

    def visit_BinOp(self, node: ast.BinOp) -> ast.AST:
        self.generic_visit(node)
        if isinstance(node.op, ast.Mod) and isinstance(node.left, ast.Constant) and isinstance(node.left.value, str):
            return ast.Call(self._probe("percent"), [node.left, node.right, self._loc(node)], [])
        return node

    def visit_Module(self, node: ast.Module) -> ast.AST:
        self.generic_visit(node)
        if self.display_last and node.body and isinstance(node.body[-1], ast.Expr):
            last = node.body[-1]
            last.value = ast.Call(self._probe("show"), [last.value, self._loc(last)], [])
        return node


def bind_probe(tree: ast.Module) -> ast.Module:
    """Give a rewritten module the probe's name, after its docstring and ``__future__`` imports."""
    bind = ast.parse(f"__coordlab_cpu_probe__ = __import__('sys').modules[{__name__!r}]").body[0]
    body = tree.body
    at = 1 if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) else 0
    while at < len(body) and isinstance(body[at], ast.ImportFrom) and body[at].module == "__future__":
        at += 1
    body.insert(at, bind)
    ast.fix_missing_locations(tree)
    return tree


def rewrite_source(source: str | bytes, filename: str, label: str) -> ast.Module:
    tree = ast.parse(source, filename)
    return bind_probe(Rewriter(label).visit(tree))


class _Loader(importlib.machinery.SourceFileLoader):
    def get_code(self, fullname):  # always from source: a cached .pyc would skip the rewriting
        path = self.get_filename(fullname)
        tree = rewrite_source(self.get_data(path), path, os.path.relpath(path))
        return compile(tree, path, "exec", dont_inherit=True)


class _Finder(importlib.abc.MetaPathFinder):
    """Compile ``coordlab`` (not its tests) through the rewriter; no bytecode cache is used or written."""

    def __init__(self, package: str = "coordlab"):
        self.package = package

    def find_spec(self, fullname, path, target=None):
        if fullname != self.package and not fullname.startswith(self.package + "."):
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if spec is None or not isinstance(spec.loader, importlib.machinery.SourceFileLoader):
            return spec
        spec.loader = _Loader(fullname, spec.origin)
        return spec


def install_import_hook(package: str = "coordlab") -> None:
    if not any(isinstance(f, _Finder) and f.package == package for f in sys.meta_path):
        if any(m == package or m.startswith(package + ".") for m in sys.modules):
            raise RuntimeError(f"cpu_probe must be installed before {package} is imported")
        sys.dont_write_bytecode = True
        sys.meta_path.insert(0, _Finder(package))


class _CellRewriter(ast.NodeTransformer):
    """IPython AST transformer: rewrite a cell, and check the value it displays."""

    def __init__(self, ip):
        self.ip = ip

    def visit_Module(self, node):
        return Rewriter(f"cell [{self.ip.execution_count}]", display_last=True).visit(node)


def install_in_ipython(ip) -> None:
    """Called from an IPython startup file in a probed kernel."""
    install_import_hook()
    ip.user_ns["__coordlab_cpu_probe__"] = sys.modules[__name__]
    ip.ast_transformers.append(_CellRewriter(ip))


STARTUP = """\
import os, sys
sys.path.insert(0, {tests!r})
import cpu_probe
cpu_probe._where[0] = os.environ.get("COORDLAB_CPU_PROBE_CONTEXT", "kernel")
cpu_probe.install_in_ipython(get_ipython())
"""


# --- pytest side (loaded by the repository's root conftest.py) ---------------------------------


def _caller_is_ours() -> bool:
    name = sys._getframe(2).f_code.co_filename
    return name.startswith("<doctest") or os.sep + "tests" + os.sep in name


def _probed_round(x, ndigits=None):
    if _caller_is_ours():
        return check_round(
            x, ndigits, f"{os.path.basename(sys._getframe(1).f_code.co_filename)}:{sys._getframe(1).f_lineno}"
        )
    return builtins_round(x) if ndigits is None else builtins_round(x, ndigits)


def configure(tmp_dir: str) -> None:
    """Switch the probe on in this pytest process and in the kernels it starts."""
    import tempfile
    from pathlib import Path

    import _pytest.assertion.rewrite as rewrite

    install_import_hook()
    sys.pycache_prefix = tempfile.mkdtemp(prefix="pycache-", dir=tmp_dir)  # never reuse unprobed bytecode
    builtins.round = _probed_round
    original_hook = sys.__displayhook__

    def display(value):
        if value is not None:
            show(value, "doctest output")
        original_hook(value)

    sys.__displayhook__ = display  # doctest resets sys.displayhook to this
    original_rewrite = rewrite.rewrite_asserts

    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

    def rewrite_asserts(mod, source, module_path=None, config=None):
        if str(module_path).startswith(root + os.sep) and os.sep + ".venv" not in str(module_path):
            bind_probe(Rewriter(os.path.basename(str(module_path))).visit(mod))
        return original_rewrite(mod, source, module_path, config)

    rewrite.rewrite_asserts = rewrite_asserts
    ipython_dir = Path(tempfile.mkdtemp(prefix="ipython-", dir=tmp_dir))
    startup = ipython_dir / "profile_default" / "startup"
    startup.mkdir(parents=True)
    (startup / "00-cpu-probe.py").write_text(STARTUP.format(tests=os.path.dirname(os.path.abspath(__file__))))
    os.environ["IPYTHONDIR"] = str(ipython_dir)


def set_context(label: str) -> None:
    _where[0] = label
    os.environ["COORDLAB_CPU_PROBE_CONTEXT"] = label
