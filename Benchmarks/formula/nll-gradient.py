"""SymPy's lambdify on the same two formulas as nll-gradient.swift, for comparison.

Both expressions are built by hand (parse_latex knows no bar-y and no derivative symbol), the
NLL gradient with the two bound functions as implemented functions, as a block binds them.
Prints the time per evaluation, the best of 7 runs of 10,000 calls.
"""

import time

import numpy as np
import sympy as sp
from sympy.utilities.lambdify import implemented_function

LABELS, INPUTS, COUNT = 5, 4, 10_000
WEIGHTS = np.array([[np.sin(3 * y + j) / 2 for j in range(INPUTS)] for y in range(LABELS)])
BIASES = np.array([np.cos(y) / 4 for y in range(LABELS)])
BETA = 1.5


def energy_gradient(x, y):
    g = np.zeros(LABELS * INPUTS + LABELS)
    y = int(y)
    g[INPUTS * y : INPUTS * y + INPUTS] = -x
    g[LABELS * INPUTS + y] = -1
    return g


points = [np.array([np.sin(i * INPUTS + j) for j in range(INPUTS)]) for i in range(COUNT)]
probabilities = []
for p in points:
    e = np.exp(-BETA * (-(WEIGHTS @ p) - BIASES))
    probabilities.append(e / e.sum())
current = [0]


def probability(y_bar, x):
    return probabilities[current[0]][int(y_bar)]


def best_of(runs, body):
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        for i in range(COUNT):
            body(i)
        best = min(best, time.perf_counter() - start)
    return best / COUNT * 1e9


x, y = sp.symbols("x y")
d_energy = implemented_function("dF", energy_gradient)
p_w = implemented_function("P_W", probability)
gradient = d_energy(x, y) - sum(p_w(k, x) * d_energy(x, k) for k in range(LABELS))
nll_gradient = sp.lambdify((x, y), gradient, "numpy")


def nll_call(i):
    current[0] = i
    nll_gradient(points[i], 2)


print(f"lambdify, NLL gradient:        {best_of(7, nll_call):7.0f} ns per evaluation")

a, c = sp.symbols("a c")
log_loss = sp.log(1 + sp.exp(a - c))
for module in ["numpy", "math"]:
    function = sp.lambdify((a, c), log_loss, module)
    time_ns = best_of(7, lambda i: function(points[i][0], points[i][1]))
    print(f"lambdify ({module}), log(1 + e^(a - c)): {time_ns:7.0f} ns per evaluation")
