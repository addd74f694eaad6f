#!/usr/bin/env python3
"""Regenerate the HNN-core references of Lamina's model zoo: zoo_<name>.json.gz.

Each reference is trial 0 of one built-in example (models/hnn/zoo.go,
hnn.ExampleNamed(name)) simulated by HNN-core on NEURON, with the network
built by HNN-core's own model functions and the drives of the HNN-core example
the Lamina example mirrors (the build functions below; each is copied into
its reference file as "python"). zoo_reference_test.go compares Lamina's
runs with them.

How to run (NEURON 8.2 with HNN-core's mod files compiled; each example in a
fresh process, one after the other: a 170 ms trial of the 10x10 column takes
~40 s of one core, all nine ~10 minutes):

    HNN_CORE_COMMIT=<commit of the hnn-core tree> \
    PYTHONPATH=/path/to/hnn-core[:/path/to/h5io-stub] \
        python3 models/hnn/testdata/gen_zoo_reference.py [--raw DIR] [name ...]

With no names it regenerates every example; the files are written next to
this script. --raw DIR also keeps the full-precision output (every dipole
sample, spike times as Python floats) in DIR/<name>.json, and
--from-raw DIR re-encodes those without simulating. The references here were
made with hnn-core commit 5ca983a3dd53b6e749c377b24bcba64773debbd3
(0.6.2.dev0), Debian's NEURON 8.2.2 and Python 3.11, as described in
shared/reference/hnn/README.md of the workspace (h5io stubbed: hnn-core
imports it but uses it only for .hdf5 files).

File format (JSON, gzip): "example", "hnn_core" (version, commit, NEURON
version), "python" (the build code), "tstop_ms", "dt_ms", "trial" 0,
"wall_time_s" of simulate_dipole on a shared 2-core VM, "spike_counts" per
type (drives under their names), every spike of trial 0 (drive cells
included) as parallel lists "spike_gids" and "spike_times_ms", sorted by
(gid, time), times rounded to 1e-9 ms (NEURON's fixed-step spike times are t
of the step, which carries ~1e-10 ms of accumulated rounding), and "dipole":
the Dipole simulate_dipole returns (nAm, HNN-core's baseline
renormalisation, no smoothing or scaling) at every "decimate"-th (4th)
sample, t = i*decimate*dt_ms, each layer (agg, L2, L5) as integers in units
of "quantum_nAm", second differences: value[i] = quantum * c[i] where c is
the cumulative sum of the cumulative sum of the stored list. The quantum is
2^-34 of max |agg| (relative resolution 6e-11, far below the 1e-8 the test
asks), which keeps each file at 20-70 KB.
"""

import gzip
import inspect
import json
import os
import os.path as op
import subprocess
import sys
import time
from collections import Counter

import numpy as np

import hnn_core
from hnn_core import (simulate_dipole, read_params, neymotin_2020_model,
                      law_2021_model, calcium_model)

HNN_ROOT = op.dirname(hnn_core.__file__)
DECIMATE = 4
PREAMBLE = '''import os.path as op
import hnn_core
from hnn_core import (simulate_dipole, read_params, neymotin_2020_model,
                      law_2021_model, calcium_model)
HNN_ROOT = op.dirname(hnn_core.__file__)


'''
DT = 0.025
LAYERS = ('agg', 'L2', 'L5')


# --- plot_simulate_alpha.py ------------------------------------------------

def alpha():
    """plot_simulate_alpha.py, first simulation: 10 Hz bursty proximal drive."""
    net = neymotin_2020_model()
    weights_ampa_p = {'L2_pyramidal': 5.4e-5, 'L5_pyramidal': 5.4e-5}
    syn_delays_p = {'L2_pyramidal': 0.1, 'L5_pyramidal': 1.}
    net.add_bursty_drive(
        'alpha_prox', tstart=50., burst_rate=10, burst_std=20, numspikes=2,
        spike_isi=10, n_drive_cells=10, location='proximal',
        weights_ampa=weights_ampa_p, synaptic_delays=syn_delays_p,
        event_seed=284)
    return net, 310.


def beta():
    """plot_simulate_alpha.py, second simulation: the alpha network plus the
    10 Hz bursty distal drive (the example adds it to the simulated alpha
    net; HNN-core rebuilds everything at simulate_dipole, so a fresh alpha
    net is the same network)."""
    net, _ = alpha()
    weights_ampa_d = {'L2_pyramidal': 5.4e-5, 'L5_pyramidal': 5.4e-5}
    syn_delays_d = {'L2_pyramidal': 5., 'L5_pyramidal': 5.}
    net.add_bursty_drive(
        'alpha_dist', tstart=50., burst_rate=10, burst_std=15, numspikes=2,
        spike_isi=10, n_drive_cells=10, location='distal',
        weights_ampa=weights_ampa_d, synaptic_delays=syn_delays_d,
        event_seed=296)
    return net, 310.


# --- plot_simulate_gamma.py ------------------------------------------------

def gamma_weak():
    """plot_simulate_gamma.py, first simulation: weak PING."""
    params = read_params(op.join(HNN_ROOT, 'param', 'gamma_L5weak_L2weak.json'))
    net = neymotin_2020_model(params)
    weights_ampa = {'L2_pyramidal': 0.0008, 'L5_pyramidal': 0.0075}
    synaptic_delays = {'L2_pyramidal': 0.1, 'L5_pyramidal': 1.0}
    rate_constant = {'L2_pyramidal': 140.0, 'L5_pyramidal': 40.0}
    net.add_poisson_drive(
        'poisson', rate_constant=rate_constant, weights_ampa=weights_ampa,
        location='proximal', synaptic_delays=synaptic_delays,
        event_seed=1349)
    return net, 250.


def gamma_strong():
    """plot_simulate_gamma.py, second simulation: + 6 nA tonic L5 bias."""
    net, tstop = gamma_weak()
    net.add_tonic_bias(cell_type='L5_pyramidal', amplitude=6.)
    return net, tstop


def gamma_strong_tau2():
    """plot_simulate_gamma.py, third simulation: L5 pyramidal GABAA tau2 2 ms."""
    net, tstop = gamma_strong()
    net.cell_types['L5_pyramidal']["cell_object"].synapses['gabaa']['tau2'] = 2
    return net, tstop


# --- plot_simulate_beta.py (add_erp_drives, add_beta_drives verbatim) -------

def add_erp_drives(net, stimulus_start):
    weights_ampa_d1 = {'L2_basket': 0.0005, 'L2_pyramidal': 0.004,
                       'L5_pyramidal': 0.0005}
    weights_nmda_d1 = {'L2_basket': 0.0005, 'L2_pyramidal': 0.004,
                       'L5_pyramidal': 0.0005}
    syn_delays_d1 = {'L2_basket': 0.1, 'L2_pyramidal': 0.1,
                     'L5_pyramidal': 0.1}
    net.add_evoked_drive(
        'evdist1', mu=70.0 + stimulus_start, sigma=0.0, numspikes=1,
        weights_ampa=weights_ampa_d1, weights_nmda=weights_nmda_d1,
        location='distal', synaptic_delays=syn_delays_d1, event_seed=274)

    weights_ampa_p1 = {'L2_basket': 0.002, 'L2_pyramidal': 0.0011,
                       'L5_basket': 0.001, 'L5_pyramidal': 0.001}
    syn_delays_prox = {'L2_basket': 0.1, 'L2_pyramidal': 0.1,
                       'L5_basket': 1., 'L5_pyramidal': 1.}
    net.add_evoked_drive(
        'evprox1', mu=25.0 + stimulus_start, sigma=0.0, numspikes=1,
        weights_ampa=weights_ampa_p1, weights_nmda=None,
        location='proximal', synaptic_delays=syn_delays_prox, event_seed=544)

    weights_ampa_p2 = {'L2_basket': 0.005, 'L2_pyramidal': 0.005,
                       'L5_basket': 0.01, 'L5_pyramidal': 0.01}
    net.add_evoked_drive(
        'evprox2', mu=135.0 + stimulus_start, sigma=0.0, numspikes=1,
        weights_ampa=weights_ampa_p2, location='proximal',
        synaptic_delays=syn_delays_prox, event_seed=814)
    return net


def add_beta_drives(net, beta_start):
    weights_ampa_d1 = {'L2_basket': 0.00032, 'L2_pyramidal': 0.00008,
                       'L5_pyramidal': 0.00004}
    syn_delays_d1 = {'L2_basket': 0.5, 'L2_pyramidal': 0.5,
                     'L5_pyramidal': 0.5}
    net.add_bursty_drive(
        'beta_dist', tstart=beta_start, tstart_std=0., tstop=beta_start + 50.,
        burst_rate=1., burst_std=10., numspikes=2, spike_isi=10,
        n_drive_cells=10, location='distal', weights_ampa=weights_ampa_d1,
        synaptic_delays=syn_delays_d1, event_seed=290)

    weights_ampa_p1 = {'L2_basket': 0.00004, 'L2_pyramidal': 0.00002,
                       'L5_basket': 0.00002, 'L5_pyramidal': 0.00002}
    syn_delays_p1 = {'L2_basket': 0.1, 'L2_pyramidal': 0.1,
                     'L5_basket': 1.0, 'L5_pyramidal': 1.0}
    net.add_bursty_drive(
        'beta_prox', tstart=beta_start, tstart_std=0., tstop=beta_start + 50.,
        burst_rate=1., burst_std=20., numspikes=2, spike_isi=10,
        n_drive_cells=10, location='proximal', weights_ampa=weights_ampa_p1,
        synaptic_delays=syn_delays_p1, event_seed=300)
    return net


def law2021_beta_erp():
    """plot_simulate_beta.py, net_beta_erp: law_2021_model, beta event at
    50 ms, then the ERP drives from 125 ms (the example's net.copy() chain
    is the same network)."""
    net = law_2021_model()
    net = add_beta_drives(net, 50.0)
    net = add_erp_drives(net, 125.0)
    return net, 400.


def law2021_erp():
    """plot_simulate_beta.py, net_erp: the ERP drives alone."""
    net = law_2021_model()
    net = add_erp_drives(net, 125.0)
    return net, 400.


# --- calcium_model (no HNN-core example uses it) -----------------------------

def calcium():
    """calcium_model() with the drives of Lamina's ERP example (hnn.ERP and
    ../../../../shared/reference/hnn/README.md): those of
    plot_simulate_evoked.py, but event_seed 4 on all three drives where the
    HNN-core example (and add_erp_drives_to_jones_model) uses 274/544/814."""
    net = calcium_model()
    weights_ampa_d1 = {'L2_basket': 0.006562, 'L2_pyramidal': .000007,
                       'L5_pyramidal': 0.142300}
    weights_nmda_d1 = {'L2_basket': 0.019482, 'L2_pyramidal': 0.004317,
                       'L5_pyramidal': 0.080074}
    synaptic_delays_d1 = {'L2_basket': 0.1, 'L2_pyramidal': 0.1,
                          'L5_pyramidal': 0.1}
    net.add_evoked_drive(
        'evdist1', mu=63.53, sigma=3.85, numspikes=1,
        weights_ampa=weights_ampa_d1, weights_nmda=weights_nmda_d1,
        location='distal', synaptic_delays=synaptic_delays_d1, event_seed=4)
    weights_ampa_p1 = {'L2_basket': 0.08831, 'L2_pyramidal': 0.01525,
                       'L5_basket': 0.19934, 'L5_pyramidal': 0.00865}
    synaptic_delays_prox = {'L2_basket': 0.1, 'L2_pyramidal': 0.1,
                            'L5_basket': 1., 'L5_pyramidal': 1.}
    net.add_evoked_drive(
        'evprox1', mu=26.61, sigma=2.47, numspikes=1,
        weights_ampa=weights_ampa_p1, weights_nmda=None, location='proximal',
        synaptic_delays=synaptic_delays_prox, event_seed=4)
    weights_ampa_p2 = {'L2_basket': 0.000003, 'L2_pyramidal': 1.438840,
                       'L5_basket': 0.008958, 'L5_pyramidal': 0.684013}
    net.add_evoked_drive(
        'evprox2', mu=137.12, sigma=8.33, numspikes=1,
        weights_ampa=weights_ampa_p2, location='proximal',
        synaptic_delays=synaptic_delays_prox, event_seed=4)
    return net, 170.


# --- plot_simulate_somato.py -------------------------------------------------

def somato():
    """plot_simulate_somato.py: N20.json and four synchronous evoked drives."""
    net = neymotin_2020_model(op.join(HNN_ROOT, 'param', 'N20.json'))

    weights_ampa_p = {'L2_basket': 0.0036, 'L2_pyramidal': 0.0039,
                      'L5_basket': 0.0019, 'L5_pyramidal': 0.0020}
    weights_nmda_p = {'L2_basket': 0.0029, 'L2_pyramidal': 0.0005,
                      'L5_basket': 0.0030, 'L5_pyramidal': 0.0019}
    synaptic_delays_p = {'L2_basket': 0.1, 'L2_pyramidal': 0.1,
                         'L5_basket': 1.0, 'L5_pyramidal': 1.0}
    net.add_evoked_drive(
        'evprox1', mu=21., sigma=4., numspikes=1, location='proximal',
        n_drive_cells=1, cell_specific=False, weights_ampa=weights_ampa_p,
        weights_nmda=weights_nmda_p, synaptic_delays=synaptic_delays_p,
        event_seed=276)

    weights_ampa_p = {'L2_basket': 0.003, 'L2_pyramidal': 0.0039,
                      'L5_basket': 0.004, 'L5_pyramidal': 0.0020}
    weights_nmda_p = {'L2_basket': 0.001, 'L2_pyramidal': 0.0005,
                      'L5_basket': 0.002, 'L5_pyramidal': 0.0020}
    net.add_evoked_drive(
        'evprox2', mu=134., sigma=4.5, numspikes=1, location='proximal',
        n_drive_cells=1, cell_specific=False, weights_ampa=weights_ampa_p,
        weights_nmda=weights_nmda_p, synaptic_delays=synaptic_delays_p,
        event_seed=276)

    weights_ampa_d = {'L2_basket': 0.0043, 'L2_pyramidal': 0.0032,
                      'L5_pyramidal': 0.0009}
    weights_nmda_d = {'L2_basket': 0.0029, 'L2_pyramidal': 0.0051,
                      'L5_pyramidal': 0.0010}
    synaptic_delays_d = {'L2_basket': 0.1, 'L2_pyramidal': 0.1,
                         'L5_pyramidal': 0.1}
    net.add_evoked_drive(
        'evdist1', mu=32., sigma=2.5, numspikes=1, location='distal',
        n_drive_cells=1, cell_specific=False, weights_ampa=weights_ampa_d,
        weights_nmda=weights_nmda_d, synaptic_delays=synaptic_delays_d,
        event_seed=277)

    weights_ampa_d = {'L2_basket': 0.0041, 'L2_pyramidal': 0.0019,
                      'L5_pyramidal': 0.0018}
    weights_nmda_d = {'L2_basket': 0.0032, 'L2_pyramidal': 0.0018,
                      'L5_pyramidal': 0.0017}
    net.add_evoked_drive(
        'evdist2', mu=84., sigma=4.5, numspikes=1, location='distal',
        n_drive_cells=1, cell_specific=False, weights_ampa=weights_ampa_d,
        weights_nmda=weights_nmda_d, synaptic_delays=synaptic_delays_d,
        event_seed=275)
    return net, 170.


# --- optimize_evoked.py and optimize_rhythmic.py ----------------------------

def optimize_evoked():
    """optimize_evoked.py: the network before fitting (set_params at the
    initial values), drives added in the example's order."""
    net = neymotin_2020_model()
    n_drive_cells, cell_specific = 1, False
    weights_ampa_p1 = {'L2_basket': 0.08831, 'L2_pyramidal': 0.01525,
                       'L5_basket': 0.19934, 'L5_pyramidal': 0.00865}
    synaptic_delays_p = {'L2_basket': 0.1, 'L2_pyramidal': 0.1,
                         'L5_basket': 1., 'L5_pyramidal': 1.}
    net.add_evoked_drive(
        'evprox1', mu=26.61, sigma=2.47, numspikes=1, location='proximal',
        weights_ampa=weights_ampa_p1, synaptic_delays=synaptic_delays_p,
        n_drive_cells=n_drive_cells, cell_specific=cell_specific)
    weights_ampa_d1 = {'L2_basket': 0.006562, 'L2_pyramidal': .000007,
                       'L5_pyramidal': 0.142300}
    weights_nmda_d1 = {'L2_basket': 0.019482, 'L2_pyramidal': 0.004317,
                       'L5_pyramidal': 0.080074}
    synaptic_delays_d1 = {'L2_basket': 0.1, 'L2_pyramidal': 0.1,
                          'L5_pyramidal': 0.1}
    net.add_evoked_drive(
        'evdist1', mu=63.53, sigma=3.85, numspikes=1, location='distal',
        weights_ampa=weights_ampa_d1, weights_nmda=weights_nmda_d1,
        synaptic_delays=synaptic_delays_d1, n_drive_cells=n_drive_cells,
        cell_specific=cell_specific)
    weights_ampa_p2 = {'L2_basket': 0.000003, 'L2_pyramidal': 1.438840,
                       'L5_basket': 0.008958, 'L5_pyramidal': 0.1}
    net.add_evoked_drive(
        'evprox2', mu=120., sigma=1., numspikes=1, location='proximal',
        weights_ampa=weights_ampa_p2, synaptic_delays=synaptic_delays_p,
        n_drive_cells=n_drive_cells, cell_specific=cell_specific)
    return net, 170.


def optimize_rhythmic():
    """optimize_rhythmic.py: set_params at the midpoints of the constraints
    (the Optimizer's start when no initial_params are given)."""
    net = neymotin_2020_model()
    weights_ampa_p = {'L2_pyramidal': 5.4e-5, 'L5_pyramidal': 4.4e-5}
    syn_delays_p = {'L2_pyramidal': 0.1, 'L5_pyramidal': 1.}
    net.add_bursty_drive(
        'alpha_prox', tstart=50., burst_rate=15.5, burst_std=20.,
        numspikes=2, spike_isi=10, n_drive_cells=10, location='proximal',
        weights_ampa=weights_ampa_p, synaptic_delays=syn_delays_p)
    weights_ampa_d = {'L2_pyramidal': 5.4e-5, 'L5_pyramidal': 4.4e-5}
    syn_delays_d = {'L2_pyramidal': 5., 'L5_pyramidal': 5.}
    net.add_bursty_drive(
        'alpha_dist', tstart=50., burst_rate=15.5, burst_std=20.,
        numspikes=2, spike_isi=10, n_drive_cells=10, location='distal',
        weights_ampa=weights_ampa_d, synaptic_delays=syn_delays_d)
    return net, 300.


EXAMPLES = {
    'alpha': [alpha],
    'beta': [alpha, beta],
    'gamma-weak': [gamma_weak],
    'gamma-strong': [gamma_weak, gamma_strong],
    'gamma-strong-tau2': [gamma_weak, gamma_strong, gamma_strong_tau2],
    'law2021-beta-erp': [add_erp_drives, add_beta_drives, law2021_beta_erp],
    'law2021-erp': [add_erp_drives, law2021_erp],
    'calcium': [calcium],
    'somato': [somato],
    'optimize-evoked': [optimize_evoked],
    'optimize-rhythmic': [optimize_rhythmic],
}


def encode(x, quantum):
    """Integers in units of quantum, second differences (see the docstring)."""
    c = np.round(np.asarray(x) / quantum).astype(np.int64)
    return np.diff(np.diff(c, prepend=0), prepend=0).tolist()


def hnn_commit():
    if os.environ.get('HNN_CORE_COMMIT'):
        return os.environ['HNN_CORE_COMMIT']
    try:
        return subprocess.run(['git', '-C', HNN_ROOT, 'rev-parse', 'HEAD'],
                              capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return 'unknown'


def simulate(name):
    """Trial 0 of the example at full precision."""
    import neuron
    net, tstop = EXAMPLES[name][-1]()
    t0 = time.perf_counter()
    dpls = simulate_dipole(net, tstop=tstop, dt=DT, n_trials=1)
    wall = time.perf_counter() - t0
    cr = net.cell_response
    spikes = sorted(zip(cr.spike_gids[0], cr.spike_times[0]))
    return {
        'hnn_core': {'version': hnn_core.__version__, 'commit': hnn_commit(),
                     'neuron': neuron.__version__},
        'tstop_ms': tstop,
        'wall_time_s': wall,
        'spike_counts': dict(sorted(Counter(cr.spike_types[0]).items())),
        'spikes': [[float(t), int(g)] for g, t in spikes],
        'times': np.asarray(dpls[0].times).tolist(),
        **{k: np.asarray(dpls[0].data[k]).tolist() for k in LAYERS},
    }


def write_reference(name, raw):
    funcs = EXAMPLES[name]
    times = np.asarray(raw['times'])
    assert np.allclose(times, np.arange(len(times)) * DT, atol=1e-6)
    data = {k: np.asarray(raw[k])[::DECIMATE] for k in LAYERS}
    quantum = float(np.max(np.abs(raw['agg']))) * 2.0 ** -34
    spikes = sorted((g, t) for t, g in raw['spikes'])
    out = {
        'example': name,
        'hnn_core': raw['hnn_core'],
        'generator': 'models/hnn/testdata/gen_zoo_reference.py',
        'python': PREAMBLE + '\n\n'.join(inspect.getsource(f) for f in funcs) +
        '\n\nnet, tstop = %s()\ndpls = simulate_dipole(net, tstop=tstop, '
        'dt=%g, n_trials=1)\n' % (funcs[-1].__name__, DT),
        'tstop_ms': raw['tstop_ms'],
        'dt_ms': DT,
        'trial': 0,
        'wall_time_s': round(raw['wall_time_s'], 1),
        'spike_counts': raw['spike_counts'],
        'spike_note': 'every spike of trial 0, drive cells included, sorted '
                      'by (gid, time); times rounded to 1e-9 ms',
        'spike_gids': [g for g, _ in spikes],
        'spike_times_ms': [round(t, 9) for _, t in spikes],
        'dipole': {
            'units': 'nAm',
            'note': 'simulate_dipole output: baseline-renormalised, not '
                    'smoothed or scaled; value[i] at t = i*decimate*dt_ms '
                    'is quantum_nAm times the double cumulative sum of the '
                    'stored second differences',
            'decimate': DECIMATE,
            'n_samples': len(data['agg']),
            'quantum_nAm': quantum,
            'second_differences': {k: encode(v, quantum)
                                   for k, v in data.items()},
        },
    }
    fname = op.join(op.dirname(op.abspath(__file__)), 'zoo_%s.json.gz' % name)
    with gzip.open(fname, 'wt', compresslevel=9) as f:
        json.dump(out, f, separators=(',', ':'))
    print('%s: %d spikes %s, simulate_dipole %.1f s, %s %d bytes' % (
        name, len(spikes), raw['spike_counts'], raw['wall_time_s'],
        op.basename(fname), op.getsize(fname)), flush=True)


def main(argv):
    raw_dir, from_raw = None, False
    if argv[:1] in (['--raw'], ['--from-raw']):
        from_raw, raw_dir, argv = argv[0] == '--from-raw', argv[1], argv[2:]
        os.makedirs(raw_dir, exist_ok=True)
    names = argv or list(EXAMPLES)
    for name in names:
        if name not in EXAMPLES:
            sys.exit('unknown example %r (have %s)' % (name, ', '.join(EXAMPLES)))
    if from_raw:
        for name in names:
            with open(op.join(raw_dir, name + '.json')) as f:
                write_reference(name, json.load(f))
        return
    if len(names) > 1:  # a fresh NEURON per example
        for name in names:
            cmd = [sys.executable, op.abspath(__file__)]
            if raw_dir:
                cmd += ['--raw', raw_dir]
            subprocess.run(cmd + [name], check=True)
        return
    raw = simulate(names[0])
    if raw_dir:
        with open(op.join(raw_dir, names[0] + '.json'), 'w') as f:
            json.dump(raw, f)
    write_reference(names[0], raw)


if __name__ == '__main__':
    main(sys.argv[1:])
