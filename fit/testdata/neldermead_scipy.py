"""Generate neldermead_scipy.json: scipy.optimize.minimize(method="Nelder-Mead")
on bounded Rosenbrock problems, for TestNelderMeadMatchesSciPy.

Run with Debian's python3-scipy: /usr/bin/python3 neldermead_scipy.py
"""
import json

import numpy as np
import scipy
from scipy.optimize import minimize, rosen

CASES = [
    {"name": "rosenbrock-2d", "x0": [-1.2, 1.0], "low": [-2.0, -2.0], "high": [2.0, 2.0], "maxfev": 400},
    {"name": "rosenbrock-4d", "x0": [-1.2, 1.0, -1.2, 1.0], "low": [-5.0] * 4, "high": [5.0] * 4, "maxfev": 800},
    {"name": "rosenbrock-2d-clipped", "x0": [0.0, 0.0], "low": [-0.5, -0.5], "high": [0.5, 0.5], "maxfev": 400},
]

out = {"scipy": scipy.__version__, "numpy": np.__version__, "cases": []}
for c in CASES:
    losses = []

    def f(x):
        v = float(rosen(x))
        losses.append(v)
        return v

    res = minimize(f, c["x0"], method="Nelder-Mead",
                   bounds=list(zip(c["low"], c["high"])),
                   options={"maxfev": c["maxfev"], "maxiter": c["maxfev"],
                            "xatol": 1e-4, "fatol": 1e-4})
    out["cases"].append(dict(c, nit=int(res.nit), nfev=int(res.nfev),
                             x=[float(v) for v in res.x], fun=float(res.fun),
                             first_losses=losses[:30]))

with open("neldermead_scipy.json", "w") as fh:
    json.dump(out, fh, indent=1)
    fh.write("\n")
