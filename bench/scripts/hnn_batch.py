"""Time HNN-core's BatchSimulate example on NEURON; print one JSON object.

usage: hnn_batch.py N_JOBS

What Lamina's `batch --example evoked-weights` runs, as HNN-core's
examples/howto/plot_batch_simulate.py sets it up (without its figures):
the 3x3 column, an evoked proximal drive (mu 40 ms, sigma 5 ms) whose AMPA
weights onto basket and pyramidal cells are zipped over logspace(-4, -1,
20), tstop 170 ms, summaries the min and max of the aggregate dipole
smoothed with window 30. Reports the wall time of BatchSimulate.run with
N_JOBS jobs (joblib's loky backend) and the 20 minima and maxima.

Debian 12 ships joblib 1.2, whose parallel_backend is what joblib 1.3
renamed parallel_config (which hnn_core.batch_simulate imports): the name
is aliased here and, through a sitecustomize module on PYTHONPATH, in the
worker processes loky starts.
"""
import atexit
import json
import os
import shutil
import sys
import tempfile
import time

import joblib
import numpy as np

if not hasattr(joblib, "parallel_config"):
    SHIM = ("import joblib\n"
            "if not hasattr(joblib, 'parallel_config'):\n"
            "    joblib.parallel_config = joblib.parallel_backend\n")
    shim_dir = tempfile.mkdtemp(prefix="hnn-batch-shim-")
    atexit.register(shutil.rmtree, shim_dir, True)
    with open(os.path.join(shim_dir, "sitecustomize.py"), "w") as f:
        f.write(SHIM)
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [shim_dir, os.environ.get("PYTHONPATH")]))
    joblib.parallel_config = joblib.parallel_backend

from hnn_core import jones_2009_model  # noqa: E402
from hnn_core.batch_simulate import BatchSimulate  # noqa: E402

n_jobs = int(sys.argv[1]) if len(sys.argv) > 1 else 1
delays = {"L2_basket": 0.1, "L2_pyramidal": 0.1, "L5_basket": 1.0, "L5_pyramidal": 1.0}


def set_params(net, values):
    wb, wp = values["weight_basket"], values["weight_pyr"]
    net.add_evoked_drive(
        "evprox", mu=40, sigma=5, numspikes=1, location="proximal",
        weights_ampa={"L2_basket": wb, "L2_pyramidal": wp, "L5_basket": wb, "L5_pyramidal": wp},
        synaptic_delays=delays)


def summary(results):
    out = []
    for r in results:
        agg = r["dpl"][0].copy().smooth(window_len=30).data["agg"]
        out.append({"min": float(np.min(agg)), "max": float(np.max(agg))})
    return out


weights = np.logspace(-4, -1, 20)
batch = BatchSimulate(net=jones_2009_model(mesh_shape=(3, 3)), set_params=set_params,
                      summary_func=summary, tstop=170)
t0 = time.perf_counter()
res = batch.run({"weight_basket": weights, "weight_pyr": weights}, n_jobs=n_jobs,
                combinations=False, backend="loky")
wall = time.perf_counter() - t0
mins, maxs = [], []
for chunk in res["summary_statistics"]:
    for s in chunk:
        mins.append(s["min"])
        maxs.append(s["max"])
print(json.dumps({"wall_s": wall, "n_jobs": n_jobs, "min": mins, "max": maxs}))
