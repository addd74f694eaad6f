"""Print HNN-core's _get_relative_power for the signal of TestMaximizePSD
(the mean of its two trials), with scipy.signal.periodogram as HNN-core
calls it. Run with Debian's python3-scipy: /usr/bin/python3 maximize_psd_scipy.py
"""
import numpy as np
from scipy.signal import periodogram

t = np.arange(400) * 0.5  # ms
x = (np.sin(2 * np.pi * 10 * t / 1000) + 0.5 * np.sin(2 * np.pi * 25 * t / 1000)
     + 0.1 * np.cos(2 * np.pi * 60 * t / 1000) + 0.02 * t)
sfreq = 1000 / (t[1] - t[0])
f, p = periodogram(x, sfreq, window="hamming")
for bands, rel in [([(8, 12), (20, 30)], [1.0, 0.5]), ([(8, 12), (20, 30)], [1.0]), ([(55, 65)], [2.0])]:
    rel = rel * len(bands) if len(rel) == 1 else rel
    s = sum(r * sum(p[(f >= lo) & (f <= hi)]) for (lo, hi), r in zip(bands, rel))
    print(repr(-s / sum(p)))
