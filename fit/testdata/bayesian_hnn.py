"""Generate bayesian_hnn.json: HNN-core's own Bayesian optimiser
(hnn_core/externals/bayesopt.py, bayes_opt with expected_improvement, as
Optimizer(solver="bayesian") calls it) on the problems and budgets of
TestBayesianAgainstHNNCore, over a few seeds of numpy's global generator.

bayesopt.py is read from the HNN-core mirror at run time (it is not copied
into this repository). Needs Debian's python3-scipy and python3-sklearn:

    /usr/bin/python3 bayesian_hnn.py [path to hnn-core's git directory]
"""
import json
import math
import subprocess
import sys
import types
import warnings

import numpy as np
import sklearn

GIT_DIR = sys.argv[1] if len(sys.argv) > 1 else \
    "/work/.mirror/jonescompneurolab+hnn-core/repo"
rev = subprocess.run(["git", "--git-dir", GIT_DIR, "rev-parse", "HEAD"],
                     check=True, capture_output=True, text=True).stdout.strip()
src = subprocess.run(["git", "--git-dir", GIT_DIR, "show",
                      "HEAD:hnn_core/externals/bayesopt.py"],
                     check=True, capture_output=True, text=True).stdout
bayesopt = types.ModuleType("bayesopt")
exec(compile(src, "bayesopt.py", "exec"), bayesopt.__dict__)


def branin(x):
    a, b, c, r, s, t = 1, 5.1 / (4 * math.pi ** 2), 5 / math.pi, 6, 10, 1 / (8 * math.pi)
    u = x[1] - b * x[0] ** 2 + c * x[0] - r
    return a * u * u + s * (1 - t) * math.cos(x[0]) + s


def rosenbrock(x):
    return 100 * (x[1] - x[0] ** 2) ** 2 + (1 - x[0]) ** 2


def forrester(x):
    return (6 * x[0] - 2) ** 2 * math.sin(12 * x[0] - 4)


# Budgets are total evaluations: bayes_opt(maxfun=k) makes k + 1.
CASES = [
    {"name": "branin", "f": branin, "low": [-5.0, 0.0], "high": [10.0, 15.0], "evals": 40},
    {"name": "rosenbrock-2d", "f": rosenbrock, "low": [-2.0, -2.0], "high": [2.0, 2.0], "evals": 60},
    {"name": "forrester", "f": forrester, "low": [0.0], "high": [1.0], "evals": 15},
]
SEEDS = [1, 2, 3, 4, 5]

out = {"hnn_core_commit": rev, "sklearn": sklearn.__version__, "numpy": np.__version__,
       "seeds": SEEDS, "cases": []}
for c in CASES:
    best = []
    for seed in SEEDS:
        np.random.seed(seed)
        x0 = [(lo + hi) / 2 for lo, hi in zip(c["low"], c["high"])]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            _, fbest = bayesopt.bayes_opt(c["f"], x0, list(zip(c["low"], c["high"])),
                                          bayesopt.expected_improvement,
                                          maxfun=c["evals"] - 1)
        best.append(float(fbest))
    out["cases"].append({"name": c["name"], "low": c["low"], "high": c["high"],
                         "evals": c["evals"], "best": best})
    print(c["name"], best, file=sys.stderr)

with open("bayesian_hnn.json", "w") as fh:
    json.dump(out, fh, indent=1)
    fh.write("\n")
