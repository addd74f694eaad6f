#!/usr/bin/env python3
"""HNN-core's Bayesian solver on the evoked example, with Lamina as the simulator.

What it answers: on the budget of optimize_evoked.py (bayes_opt with
maxfun=50: 51 evaluations), which final RMSE does HNN-core's own solver reach
on the same problem? Simulating with HNN-core on NEURON would take ~150
simulations of ~25 s here; the optimize-evoked network in Lamina is spike for
spike HNN-core's (models/hnn zoo test), so this script runs HNN-core's solver
(hnn_core/externals/bayesopt.py: bayes_opt, expected_improvement) and HNN-core's
objective (each trial smoothed, then scaled, trials averaged with
average_dipoles, then _rmse against the target) on dipoles simulated by
`lamina simulate` of the same network.

How to run (Debian's python3 with numpy, scipy and python3-sklearn; hnn-core
source on PYTHONPATH with an h5io stub, as shared/reference/hnn/README.md):

    go build -o /tmp/lamina ./cmd/lamina
    PYTHONPATH=/path/to/hnn-core:/path/to/h5io-stub /usr/bin/python3 \
        fitrun/testdata/hnn_bayes_evoked.py /tmp/lamina SEED OUT.json

It writes OUT.json: the seed (numpy.random.seed, which bayes_opt's
np.random.uniform draws from), every evaluated point and RMSE (nAm), the best,
and the wall time.
"""
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np

from hnn_core.dipole import Dipole, average_dipoles, _rmse, read_dipole
from hnn_core.externals.bayesopt import bayes_opt, expected_improvement

TARGET = '../shared/reference/hnn-core-data/yes_trial_S1_ERP_all_avg.txt'
TSTOP = 169.825  # the target's last time on the 0.025 ms grid, as lamina fit
N_TRIALS, SMOOTH, SCALE = 3, 30, 3000
CONS = [(0.01, 1.0), (100., 150.), (1., 20.)]
X0 = [0.1, 120., 1.]


def main(lamina, seed, out):
    target = read_dipole(TARGET)
    work = tempfile.mkdtemp()
    base = os.path.join(work, 'base.json')
    subprocess.run([lamina, 'convert', '--example', 'optimize-evoked', '--to', 'spec', base], check=True)
    with open(base) as f:
        spec = json.load(f)
    history = []

    def obj(x):
        s = json.loads(json.dumps(spec))
        for d in s['network']['drives']:
            if d['name'] == 'evprox2':
                d['weights_ampa_uS']['L5_pyramidal'] = float(x[0])
                d['evoked']['mu_ms'] = float(x[1])
                d['evoked']['sigma_ms'] = float(x[2])
        p = os.path.join(work, 'run.json')
        with open(p, 'w') as f:
            json.dump(s, f)
        od = os.path.join(work, 'out%d' % len(history))
        subprocess.run([lamina, 'simulate', p, '--trials', str(N_TRIALS), '--tstop-ms', str(TSTOP),
                        '--threads', '2', '--quiet', '--out', od], check=True)
        data = np.genfromtxt(os.path.join(od, 'dipole.csv'), delimiter=',', names=True)
        dpls = []
        for tr in range(N_TRIALS):
            rows = data[data['trial'] == tr]
            d = Dipole(rows['time_ms'], np.c_[rows['agg_nAm'], rows['L2_nAm'], rows['L5_nAm']])
            d.smooth(SMOOTH).scale(SCALE)
            dpls.append(d)
        err = float(_rmse(average_dipoles(dpls), target, tstop=TSTOP))
        history.append({'x': [float(v) for v in x], 'rmse_nAm': err})
        print('%2d %s %.4f' % (len(history) - 1, np.round(x, 4), err), flush=True)
        return err

    np.random.seed(seed)
    t0 = time.perf_counter()
    best_x, best_f = bayes_opt(obj, X0, CONS, expected_improvement, maxfun=50)
    wall = time.perf_counter() - t0
    with open(out, 'w') as f:
        json.dump({'seed': seed, 'solver': 'hnn_core.externals.bayesopt (maxfun=50)',
                   'simulator': 'lamina simulate (optimize-evoked, table rates)',
                   'evaluations': history, 'best_x': [float(v) for v in best_x],
                   'best_rmse_nAm': float(best_f), 'wall_s': wall}, f, indent=1)


if __name__ == '__main__':
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3])
