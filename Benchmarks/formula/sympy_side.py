"""The SymPy side of the formula benchmark: each equation of the corpus (standard input, one a
line as `id<TAB>TeX`, from corpus.py) parsed with SymPy's `parse_latex` (the `lark` backend),
the right side of the relation made a function of its free symbols with `lambdify`, evaluated,
and timed over 10,000 calls, with `math` and with `numpy` as the modules. Writes one JSON object
a line.

A formula parses into something evaluable when `parse_latex` returns a relation (`Eq`, `Le`…;
of a chain `a = b = c`, the last right side; of a conjunction, its last relation's), whose
right side `lambdify` takes, and whose value with the values below is a finite real number.
Where lark finds several readings (`_ambig`), the first that is a relation is taken.

The values, the same rule as evaluate.swift's:
- a symbol: 1 + (Σ (k + 1) · code of its k-th ASCII letter or digit, mod 5), an integer from 1
  to 5, as a float (an int where it bounds a `Sum` or `Product`, which lambdify turns into
  Python's `range`);
- an undefined function (`F_{W}(x, y)`): 0.5 + 0.25 · the sum of its arguments, given to
  lambdify through its modules dict under a name Python accepts.
"""

import json
import math
import re
import sys
import time

import lark
import numpy
import sympy
from sympy.core.function import AppliedUndef
from sympy.core.relational import Relational
from sympy.parsing.latex import parse_latex

EVALUATIONS = 10_000
RUNS = 5


def scalar_value(name):
    """The value of a symbol named `name` (the rule above)."""
    codes = [ord(c) for c in name if c.isascii() and c.isalnum()]
    return float(1 + sum((k + 1) * code for k, code in enumerate(codes)) % 5)


def deterministic_function(*arguments):
    return 0.5 + 0.25 * sum(arguments)


class NotEvaluable(Exception):
    pass


def right_side(result):
    """The expression to evaluate from what parse_latex returned, and a note on how it was
    chosen (or None)."""
    note = None
    if isinstance(result, lark.Tree):
        if result.data != "_ambig":
            raise NotEvaluable(f"parse_latex returned a lark tree ({result.data})")
        readings = [r for r in result.children if isinstance(r, (Relational, sympy.And))]
        if not readings:
            raise NotEvaluable(f"{len(result.children)} ambiguous readings, none a relation")
        note = f"{len(result.children)} readings, the first taken: {readings[0]}"
        result = readings[0]
    if isinstance(result, sympy.And):
        relations = [a for a in result.args if isinstance(a, Relational)]
        if not relations:
            raise NotEvaluable(f"not a relation: {result}")
        result = relations[-1]
    if not isinstance(result, Relational):
        raise NotEvaluable(f"not a relation: {type(result).__name__} {result}")
    side = result.rhs
    while isinstance(side, Relational):
        side = side.rhs
    return side, note


def lambdified(expression, module):
    """`expression` as a Python function of its free symbols (sorted by name) with `module`,
    and the arguments to call it with."""
    functions = sorted({f.func for f in expression.atoms(AppliedUndef)}, key=str)
    names = {}
    for k, function in enumerate(functions):
        name = f"undefined{k}"
        names[name] = deterministic_function
        expression = expression.replace(function, sympy.Function(name))
    symbols = sorted(expression.free_symbols, key=str)
    bounds = set()
    for reduction in expression.atoms(sympy.Sum, sympy.Product):
        for _, lower, upper in reduction.limits:
            bounds |= lower.free_symbols | upper.free_symbols
    arguments = [int(scalar_value(s.name)) if s in bounds else scalar_value(s.name)
                 for s in symbols]
    function = sympy.lambdify(symbols, expression, modules=[names, module])
    return function, arguments


def finite_real(value):
    """`value` as a float, if it is one finite real number."""
    if isinstance(value, numpy.ndarray):
        if value.size != 1:
            raise NotEvaluable(f"the value is an array of shape {value.shape}")
        value = value.item()
    if isinstance(value, complex) or numpy.iscomplexobj(value):
        if value.imag != 0:
            raise NotEvaluable(f"the value is complex: {value}")
        value = value.real
    try:
        number = float(value)
    except (TypeError, ValueError) as error:
        raise NotEvaluable(f"the value is not a number: {value!r} ({error})")
    if not math.isfinite(number):
        raise NotEvaluable(f"the value is not finite: {number}")
    return number


def best_time(function, arguments):
    """The best of RUNS runs of EVALUATIONS calls, in nanoseconds per call."""
    best = math.inf
    for _ in range(RUNS):
        start = time.perf_counter()
        for _ in range(EVALUATIONS):
            function(*arguments)
        best = min(best, time.perf_counter() - start)
    return best / EVALUATIONS * 1e9


def one_line(error):
    text = str(error).strip().splitlines()
    return f"{type(error).__name__}: {text[0] if text else ''}"


def stop(error, tex):
    """Where lark's grammar stopped: the TeX token at the error, or None for other errors."""
    if isinstance(error, lark.exceptions.UnexpectedEOF):
        return "the end"
    if not isinstance(error, lark.exceptions.UnexpectedInput):
        return None
    token = re.match(r"\\[A-Za-z]+\*?|\\.|.", tex[error.pos_in_stream:])
    return token.group(0) if token else "the end"


def examine(key, tex):
    record = {"id": key, "parses": False, "evaluable": False, "error": None, "stop": None,
              "note": None, "expression": None, "value": None, "ns": {}}
    try:
        result = parse_latex(tex, backend="lark")
    except Exception as error:  # SymPy's parsers raise many kinds
        record["stop"] = stop(error, tex)
        if record["stop"] == "the end":
            record["error"] = f"lark ends too early ({type(error).__name__})"
        elif record["stop"] is not None:
            record["error"] = (f"lark has no rule for {record['stop']} at column "
                               f"{error.pos_in_stream + 1} ({type(error).__name__})")
        else:
            record["error"] = one_line(error)
        return record
    record["parses"] = True
    try:
        side, record["note"] = right_side(result)
        record["expression"] = str(side)
        for module in ("math", "numpy"):
            try:
                function, arguments = lambdified(side, module)
                value = finite_real(function(*arguments))
            except NotEvaluable:
                raise
            except Exception as error:
                raise NotEvaluable(f"lambdify ({module}): {one_line(error)}")
            record["value"] = value
            record["ns"][module] = best_time(function, arguments)
        record["evaluable"] = True
    except NotEvaluable as error:
        record["error"] = str(error)
        record["ns"] = {}
    return record


def main():
    for line in sys.stdin:
        key, _, tex = line.rstrip("\n").partition("\t")
        print(json.dumps(examine(key, tex), sort_keys=True), flush=True)


if __name__ == "__main__":
    main()
