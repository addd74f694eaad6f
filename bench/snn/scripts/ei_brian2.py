#!/usr/bin/python3
"""Balanced E/I network (Zerlaut 2019, SpikingNeuralNetworks.jl's tutorial) in Brian2, for
Lamina's bench/snn: the SNN.jl step order of the reference set (reference/snn/scripts/ei_network.py,
EI_MODEL=snnjl), timed in parts. Prints one JSON object.

usage: ei_brian2.py DEVICE RATE_HZ DURATION_S SEED WORKDIR [THREADS]
  DEVICE: runtime | cpp_standalone; THREADS (default 1): cpp_standalone's OpenMP threads

run_s is the simulation time (cpp_standalone: Brian2's own timer of its loop, std::clock: CPU time;
runtime: Network.run), run_cpu_s its CPU time (cpp_standalone: the binary's process, which
also loads the network and writes the results; runtime: the Python process during run).
"""
import json, os, resource, sys, time
t_start = time.time()
import numpy as np
import brian2 as b2
from brian2 import ms, mV, nS, Hz, second, Gohm

device, rate_hz, dur_s, seed, workdir = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
threads = int(sys.argv[6]) if len(sys.argv) > 6 else 1
t_import = time.time() - t_start
t0 = time.time()
if device == 'cpp_standalone':
    b2.set_device('cpp_standalone', directory=os.path.join(workdir, 'standalone'), build_on_run=False)
    # 0 is Brian2's single-threaded code (no OpenMP); n > 1 runs OpenMP
    b2.prefs.devices.cpp_standalone.openmp_threads = 0 if threads <= 1 else threads
else:
    b2.prefs.codegen.target = 'cython'
    b2.prefs.codegen.runtime.cython.cache_dir = os.path.join(workdir, 'cython_cache')
b2.defaultclock.dt = 0.125*ms
b2.seed(seed)
rng = np.random.default_rng(seed)
NE, NI = 8000, 2000
params = dict(taum=20*ms, El=-70*mV, Vr=-70*mV, R=0.1*Gohm, taue=5*ms, taui=5*ms, Ee=0*mV, Ei=-80*mV)
eqs = '''
v : volt
ge : siemens
gi : siemens
glu : siemens
gaba : siemens
tabs : 1
fire : 1
Vt : volt (constant)
'''
code = '''
ge = (ge + glu)*(1 - dt/taue)
gi = (gi + gaba)*(1 - dt/taui)
glu = 0*nS
gaba = 0*nS
act = int(tabs <= 0)
tabs = tabs - (1 - act)
v = v + act*dt/taum*(-(v - El) - R*(ge*(v - Ee) + gi*(v - Ei)))
fire = act*int(v > Vt)
v = fire*Vr + (1 - fire)*v
tabs = fire*16 + (1 - fire)*tabs
'''
E = b2.NeuronGroup(NE, eqs, threshold='fire > 0.5', namespace=params, name='E')
I = b2.NeuronGroup(NI, eqs, threshold='fire > 0.5', namespace=params, name='I')
for G in (E, I):
    G.run_regularly(code, when='start', order=0)
    G.tabs = 1
E.Vt = -50*mV; I.Vt = -53*mV
E.v = -70*mV + rng.random(NE)*20*mV
I.v = -70*mV + rng.random(NI)*17*mV

def fixed_indegree(npre, npost, p, no_self):
    k = int(round(p*npre))
    pres = np.empty((npost, k), dtype=np.int32)
    chunk = max(1, 4_000_000 // npre)
    for j0 in range(0, npost, chunk):
        keys = rng.random((min(chunk, npost - j0), npre))
        pres[j0:j0+chunk] = np.argpartition(keys, k - 1, axis=1)[:, :k]
    post = np.repeat(np.arange(npost, dtype=np.int32), k)
    pre = pres.ravel()
    if no_self:
        keep = pre != post
        pre, post = pre[keep], post[keep]
    return pre, post

syn = {}
for name, (src, tgt, var, w, same) in dict(
        EE=(E, E, 'glu', 2, True), EI=(E, I, 'glu', 2, False),
        IE=(I, E, 'gaba', 10, False), II=(I, I, 'gaba', 10, True)).items():
    pre, post = fixed_indegree(len(src), len(tgt), 0.05, same)
    S = b2.Synapses(src, tgt, on_pre=f'{var}_post += {w}*nS', name=f'S_{name}')
    S.connect(i=pre, j=post)
    syn[name] = S
PE = b2.PoissonGroup(100, rates=rate_hz*Hz, name='PE')
PI = b2.PoissonGroup(100, rates=rate_hz*Hz, name='PI')
for name, (src, tgt) in dict(PE=(PE, E), PI=(PI, I)).items():
    pre, post = fixed_indegree(100, len(tgt), 0.1, False)
    S = b2.Synapses(src, tgt, on_pre='glu_post += 4*nS', name=f'S_{name}')
    S.connect(i=pre, j=post)
    syn[name] = S
mE = b2.SpikeMonitor(E); mI = b2.SpikeMonitor(I)
net = b2.Network(E, I, PE, PI, mE, mI, *syn.values())
t_build = time.time() - t0
t1 = time.time()
if device == 'cpp_standalone':
    net.run(dur_s*second, report=None)  # only generates the code
res = dict(device=device, brian2=b2.__version__, rate_hz=rate_hz, duration_s=dur_s, seed=seed,
           n_syn=int(sum(len(s) for s in syn.values())), import_s=t_import, build_s=t_build)
if device == 'cpp_standalone':
    res['codegen_s'] = time.time() - t1
    t2 = time.time()
    directory = os.path.join(workdir, 'standalone')
    b2.device.build(directory=directory, compile=True, run=False, debug=False)
    res['compile_s'] = time.time() - t2
    # The compiled binary runs as a child process: its CPU time (user +
    # system, all threads) is the children's rusage across the run.
    ru0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t3 = time.time()
    b2.device.run(directory, False, [])
    res['process_wall_s'] = time.time() - t3
    ru1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    res['run_cpu_s'] = (ru1.ru_utime + ru1.ru_stime) - (ru0.ru_utime + ru0.ru_stime)
    res['run_s'] = float(b2.device._last_run_time)
else:
    ru0 = resource.getrusage(resource.RUSAGE_SELF)
    net.run(dur_s*second, report=None)
    ru1 = resource.getrusage(resource.RUSAGE_SELF)
    res['run_s'] = time.time() - t1
    res['run_cpu_s'] = (ru1.ru_utime + ru1.ru_stime) - (ru0.ru_utime + ru0.ru_stime)
tE, tI = np.asarray(mE.t[:]/ms), np.asarray(mI.t[:]/ms)
w0, w1 = min(3000.0, dur_s*500), dur_s*1000
res['window_ms'] = [w0, w1]
res['rate_E_Hz'] = float(((tE >= w0) & (tE < w1)).sum()/NE/((w1-w0)/1000))
res['rate_I_Hz'] = float(((tI >= w0) & (tI < w1)).sum()/NI/((w1-w0)/1000))
print(json.dumps(res))
