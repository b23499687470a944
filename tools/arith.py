"""Safe arithmetic: parse an expression with `ast` and walk the tree; nothing is compiled or executed.

Accepted: int/float literals, + - * / **, unary + and -, parentheses, the functions in FUNCTIONS,
and names bound in a variables mapping. The symbols × ÷ − and full-width parentheses are read as
their ASCII counterparts. `%` is refused (in Python it is modulo, and "7.83%" is ambiguous): write
pct(7.83) or 0.0783 instead. `^` is refused too: powers are written **.
"""

from __future__ import annotations

import ast
import keyword
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from tools.base import ToolError

MAX_LENGTH = 500
MAX_NODES = 200
MAX_EXPONENT = 1000.0
MAX_VARIABLES = 50

_SYMBOLS = {"×": "*", "÷": "/", "−": "-", "（": "(", "）": ")", "，": ","}


def _round(x: float, digits: float = 0.0) -> float:
    if digits != int(digits) or not 0 <= digits <= 15:
        raise ToolError("round(x, n): n must be a whole number from 0 to 15")
    return float(round(x, int(digits)))


def _log(x: float, base: float | None = None) -> float:
    if x <= 0 or (base is not None and (base <= 0 or base == 1)):
        raise ToolError("log is defined only for x > 0 (and a base > 0 other than 1)")
    return math.log(x) if base is None else math.log(x, base)


def _sqrt(x: float) -> float:
    if x < 0:
        raise ToolError("sqrt of a negative number is not a real number")
    return math.sqrt(x)


def _log10(x: float) -> float:
    if x <= 0:
        raise ToolError("log10 is defined only for x > 0")
    return math.log10(x)


# name -> (function, fewest arguments, most arguments; None = any number)
FUNCTIONS: dict[str, tuple[Callable[..., float], int, int | None]] = {
    "abs": (abs, 1, 1),
    "min": (lambda *xs: min(xs), 1, None),
    "max": (lambda *xs: max(xs), 1, None),
    "round": (_round, 1, 2),
    "sqrt": (_sqrt, 1, 1),
    "log": (_log, 1, 2),
    "log10": (_log10, 1, 1),
    "exp": (math.exp, 1, 1),
    "pct": (lambda x: x / 100.0, 1, 1),
}

_BINOPS = (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.Pow)

_REFUSED_OPS: dict[type[ast.operator], str] = {
    ast.Mod: "'%' (modulo); for a percentage write pct(7.83) or 0.0783",
    ast.FloorDiv: "'//' (floor division); use '/'",
    ast.BitXor: "'^'; write powers with '**'",
    ast.MatMult: "'@'",
}

_REFUSED_NODES: dict[type[ast.AST], str] = {
    ast.Attribute: "attribute access (a.b)",
    ast.Subscript: "indexing or slicing (a[b])",
    ast.Lambda: "lambda",
    ast.ListComp: "comprehensions",
    ast.SetComp: "comprehensions",
    ast.DictComp: "comprehensions",
    ast.GeneratorExp: "generator expressions",
    ast.Compare: "comparisons",
    ast.BoolOp: "'and' / 'or'",
    ast.IfExp: "conditional expressions",
    ast.NamedExpr: "assignment (:=)",
    ast.JoinedStr: "strings",
    ast.Starred: "starred arguments",
    ast.Await: "await",
}


def check_variable_name(name: str) -> str:
    """A variable name must be a plain identifier that is not a keyword or a function name."""
    if not name.isidentifier() or keyword.iskeyword(name) or name.startswith("_"):
        raise ValueError(f"variable name {name!r} must be an identifier not starting with '_'")
    if name in FUNCTIONS:
        raise ValueError(f"variable name {name!r} is taken by a function")
    return name


@dataclass(frozen=True)
class Evaluation:
    value: float
    canonical: str  # the expression re-rendered from its tree
    substituted: str  # the same with variables replaced by their values ("" when there are none)


def _describe(node: ast.AST) -> str:
    for kind, text in _REFUSED_NODES.items():
        if isinstance(node, kind):
            return text
    if isinstance(node, (ast.List, ast.Tuple, ast.Set, ast.Dict)):
        return "lists, tuples, sets or dicts (write numbers without thousands separators)"
    return type(node).__name__


def _finite(x: float) -> float:
    if not math.isfinite(x):
        raise ToolError("the result is too large to represent")
    return x


class _Walker:
    def __init__(self, variables: Mapping[str, float]) -> None:
        self.variables = variables

    def check(self, tree: ast.Expression) -> None:
        """Refuse anything outside the small arithmetic grammar before evaluating."""
        count = 0
        for node in ast.walk(tree):
            if isinstance(node, ast.expr):
                count += 1
            if isinstance(node, (ast.Expression, ast.expr_context, ast.unaryop)) or type(node) in _BINOPS:
                continue
            if isinstance(node, ast.operator):
                text = _REFUSED_OPS.get(type(node), f"operator {type(node).__name__}")
                raise ToolError(f"not allowed in a calculation: {text}")
            if isinstance(node, (ast.BinOp, ast.UnaryOp)):
                if isinstance(node, ast.UnaryOp) and not isinstance(node.op, (ast.UAdd, ast.USub)):
                    raise ToolError("not allowed in a calculation: 'not' and '~'; use numbers and + - * / **")
                continue
            if isinstance(node, ast.Constant):
                if isinstance(node.value, bool) or not isinstance(node.value, (int, float)):
                    raise ToolError(
                        f"not allowed in a calculation: the constant {node.value!r}; only numbers"
                    )
                continue
            if isinstance(node, ast.Call):
                self._check_call(node)
                continue
            if isinstance(node, ast.Name):
                continue  # resolved (or refused) during evaluation
            raise ToolError(f"not allowed in a calculation: {_describe(node)}")
        if count > MAX_NODES:
            raise ToolError(f"expression too complex: {count} terms, at most {MAX_NODES}")

    def _check_call(self, node: ast.Call) -> None:
        allowed = ", ".join(FUNCTIONS)
        if not isinstance(node.func, ast.Name):
            raise ToolError(
                f"not allowed in a calculation: calling {_describe(node.func)}; functions: {allowed}"
            )
        name = node.func.id
        if name not in FUNCTIONS:
            raise ToolError(f"function {name!r} is not allowed; the functions are: {allowed}")
        if node.keywords:
            raise ToolError(f"{name}() takes positional arguments only")
        _, low, high = FUNCTIONS[name]
        n = len(node.args)
        if n < low or (high is not None and n > high):
            want = str(low) if high == low else f"{low} or more" if high is None else f"{low} to {high}"
            raise ToolError(f"{name}() takes {want} argument(s), got {n}")

    def value(self, node: ast.AST) -> float:
        if isinstance(node, ast.Expression):
            return self.value(node.body)
        if isinstance(node, ast.Constant):
            try:
                return _finite(float(node.value))
            except OverflowError:
                raise ToolError("a number in the expression is too large") from None
        if isinstance(node, ast.Name):
            if node.id in self.variables:
                return float(self.variables[node.id])
            if node.id in FUNCTIONS:
                raise ToolError(f"{node.id!r} is a function; call it as {node.id}(x)")
            known = ", ".join(sorted(self.variables)) or "none were given"
            raise ToolError(f"unknown name {node.id!r}: only numbers and the given variables ({known})")
        if isinstance(node, ast.UnaryOp):
            operand = self.value(node.operand)
            return -operand if isinstance(node.op, ast.USub) else operand
        if isinstance(node, ast.BinOp):
            return self._binop(node)
        if isinstance(node, ast.Call):
            assert isinstance(node.func, ast.Name)
            func = FUNCTIONS[node.func.id][0]
            args = [self.value(a) for a in node.args]
            try:
                return _finite(float(func(*args)))
            except OverflowError:
                raise ToolError(f"{node.func.id}() result is too large") from None
            except ValueError as exc:
                raise ToolError(f"{node.func.id}(): {exc}") from None
        raise ToolError(f"not allowed in a calculation: {_describe(node)}")

    def _binop(self, node: ast.BinOp) -> float:
        left, right = self.value(node.left), self.value(node.right)
        op = node.op
        if isinstance(op, ast.Add):
            return _finite(left + right)
        if isinstance(op, ast.Sub):
            return _finite(left - right)
        if isinstance(op, ast.Mult):
            return _finite(left * right)
        if isinstance(op, ast.Div):
            if right == 0:
                raise ToolError("division by zero")
            return _finite(left / right)
        if abs(right) > MAX_EXPONENT:
            raise ToolError(f"exponent {right:g} too large: its magnitude may be at most {MAX_EXPONENT:g}")
        if left < 0 and right != int(right):
            raise ToolError("a negative number to a fractional power is not a real number")
        if left == 0 and right < 0:
            raise ToolError("division by zero (0 to a negative power)")
        try:
            return _finite(left**right)
        except OverflowError:
            raise ToolError("the result is too large to represent") from None


class _Substitute(ast.NodeTransformer):
    def __init__(self, variables: Mapping[str, float]) -> None:
        self.variables = variables

    def visit_Name(self, node: ast.Name) -> ast.AST:
        if node.id not in self.variables:
            return node
        v = float(self.variables[node.id])
        shown = int(v) if v.is_integer() and abs(v) < 1e15 else v
        if v < 0:
            return ast.UnaryOp(op=ast.USub(), operand=ast.Constant(-shown))
        return ast.Constant(shown)


def normalize(expression: str) -> str:
    for symbol, ascii_symbol in _SYMBOLS.items():
        expression = expression.replace(symbol, ascii_symbol)
    return expression.strip()


def evaluate(expression: str, variables: Mapping[str, float] | None = None) -> Evaluation:
    """Evaluate an arithmetic expression; any refusal or arithmetic failure is a ToolError."""
    variables = dict(variables or {})
    if len(expression) > MAX_LENGTH:
        raise ToolError(f"expression too long: {len(expression)} characters, at most {MAX_LENGTH}")
    if len(variables) > MAX_VARIABLES:
        raise ToolError(f"too many variables: at most {MAX_VARIABLES}")
    for name, v in variables.items():
        try:
            check_variable_name(name)
        except ValueError as exc:
            raise ToolError(str(exc)) from None
        if not math.isfinite(float(v)):
            raise ToolError(f"variable {name!r} must be a finite number")
    text = normalize(expression)
    if not text:
        raise ToolError("empty expression")
    if "%" in text:
        raise ToolError("'%' is not accepted: write pct(7.83) for 7.83 %, or 0.0783")
    try:
        tree = ast.parse(text, mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:
        msg = getattr(exc, "msg", None) or str(exc) or type(exc).__name__
        raise ToolError(f"cannot parse the expression: {msg}") from None
    walker = _Walker(variables)
    walker.check(tree)
    value = walker.value(tree)
    canonical = ast.unparse(tree)
    substituted = ""
    if any(isinstance(n, ast.Name) and n.id in variables for n in ast.walk(tree)):
        substituted = ast.unparse(_Substitute(variables).visit(ast.parse(text, mode="eval")))
    return Evaluation(value=0.0 if value == 0 else value, canonical=canonical, substituted=substituted)
