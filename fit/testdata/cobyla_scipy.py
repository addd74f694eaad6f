"""Generate cobyla_scipy.json: scipy.optimize.fmin_cobyla on small problems,
for TestCOBYLAMatchesSciPy.

Bounds are passed as HNN-core's Optimizer(solver="cobyla") passes them: for
each parameter, the constraints high - x[i] >= 0 then x[i] - low >= 0.
The losses of all evaluations and the first 40 points are recorded, with
SciPy's result.

Run with Debian's python3-scipy: /usr/bin/python3 cobyla_scipy.py
"""
import json

import numpy as np
import scipy
from scipy.optimize import minimize


# The objectives do the operations of their Go versions (problems_test.go,
# cobyla_test.go), in the same order, so that losses compare bit for bit.
def rosenbrock(x):
    s = 0.0
    for i in range(len(x) - 1):
        a, b = x[i + 1] - x[i] * x[i], 1 - x[i]
        s += 100 * a * a + b * b
    return float(s)


def sphere_shift(x):
    s = 0.0
    for v in x:
        s += (v - 2) * (v - 2)
    return float(s)


def product(x):
    return float(x[0] * x[1])


def disc(x):
    return 1 - x[0] * x[0] - x[1] * x[1]


def upper(x):
    return x[1]


def tutorial(x):
    a, b = x[0] - 1, x[1] - 2.5
    return float(a * a + b * b)


FUNCS = {"rosenbrock": rosenbrock, "shifted-sphere": sphere_shift,
         "product": product, "tutorial": tutorial}
CONS = {"disc": disc, "upper": upper,
        "t1": lambda x: x[0] - 2 * x[1] + 2, "t2": lambda x: -x[0] - 2 * x[1] + 6,
        "t3": lambda x: -x[0] + 2 * x[1] + 2, "x0": lambda x: x[0], "x1": lambda x: x[1]}

CASES = [
    # (a) Rosenbrock from (-1.2, 1) in [-2, 2]^2, HNN-core's settings.
    {"name": "rosenbrock-2d", "f": "rosenbrock", "x0": [-1.2, 1.0],
     "low": [-2.0, -2.0], "high": [2.0, 2.0], "bounds": True, "cons": [],
     "rhobeg": 0.1, "rhoend": 1e-4, "maxfun": 1000},
    # The same with a budget that ends the fit early.
    {"name": "rosenbrock-2d-budget", "f": "rosenbrock", "x0": [-1.2, 1.0],
     "low": [-2.0, -2.0], "high": [2.0, 2.0], "bounds": True, "cons": [],
     "rhobeg": 0.1, "rhoend": 1e-4, "maxfun": 60},
    # Rosenbrock 4-D, eight bound constraints.
    {"name": "rosenbrock-4d", "f": "rosenbrock", "x0": [-1.2, 1.0, -1.2, 1.0],
     "low": [-2.0] * 4, "high": [2.0] * 4, "bounds": True, "cons": [],
     "rhobeg": 0.5, "rhoend": 1e-5, "maxfun": 1500},
    # (b) SciPy's documented example: minimise x0*x1 subject to
    # 1 - x0^2 - x1^2 >= 0 and x1 >= 0, without bounds; optimum
    # (-1/sqrt(2), 1/sqrt(2)).
    {"name": "scipy-doc", "f": "product", "x0": [0.0, 0.1],
     "low": [-2.0, -2.0], "high": [2.0, 2.0], "bounds": False, "cons": ["disc", "upper"],
     "rhobeg": 1.0, "rhoend": 1e-7, "maxfun": 1000},
    # SciPy's tutorial problem (minimize, "Constrained minimization"):
    # minimise (x0 - 1)^2 + (x1 - 2.5)^2 subject to three linear
    # constraints and x >= 0; optimum (1.4, 1.7) on the first constraint.
    {"name": "scipy-tutorial", "f": "tutorial", "x0": [2.0, 0.0],
     "low": [0.0, 0.0], "high": [4.0, 4.0], "bounds": False,
     "cons": ["t1", "t2", "t3", "x0", "x1"],
     "rhobeg": 1.0, "rhoend": 1e-6, "maxfun": 1000},
    # (c) HNN-core's bounds only, optimum on a corner of the box: minimise
    # sum (x_i - 2)^2 on [-1, 1]^3 from the middle; optimum (1, 1, 1).
    {"name": "corner-3d", "f": "shifted-sphere", "x0": [0.0, 0.0, 0.0],
     "low": [-1.0] * 3, "high": [1.0] * 3, "bounds": True, "cons": [],
     "rhobeg": 0.1, "rhoend": 1e-4, "maxfun": 500},
]

out = {"scipy": scipy.__version__, "numpy": np.__version__, "cases": []}
for c in CASES:
    points, losses = [], []
    func = FUNCS[c["f"]]

    def f(x):
        v = func(x)
        points.append([float(t) for t in x])
        losses.append(v)
        return v

    cons = []
    if c["bounds"]:
        for i, (lo, hi) in enumerate(zip(c["low"], c["high"])):
            cons.append(lambda x, i=i, hi=hi: float(hi) - x[i])
            cons.append(lambda x, i=i, lo=lo: x[i] - float(lo))
    cons += [CONS[k] for k in c["cons"]]
    # fmin_cobyla(f, x0, cons, rhobeg, rhoend, maxfun, catol) returns only
    # x; it calls minimize(method="COBYLA") with these options, which also
    # reports status, nfev, fun and maxcv.
    r = minimize(f, c["x0"], method="COBYLA",
                 constraints=[{"type": "ineq", "fun": g} for g in cons],
                 options={"rhobeg": c["rhobeg"], "tol": c["rhoend"],
                          "maxiter": c["maxfun"], "catol": 0.0})
    out["cases"].append(dict(c, status=int(r.status), nfev=int(r.nfev),
                             x=[float(v) for v in r.x], fun=float(r.fun),
                             maxcv=float(r.maxcv), points=points[:40], losses=losses))

with open("cobyla_scipy.json", "w") as fh:
    json.dump(out, fh)
    fh.write("\n")
