"""Generate gp_sklearn.json: scikit-learn's Gaussian-process regression with
the kernel of fit/gp.go (ConstantKernel * anisotropic RBF + WhiteKernel), for
TestGPMatchesSklearn:

  - "fixed": the log marginal likelihood, its gradient in the log
    hyperparameters, and the posterior mean and standard deviation at test
    points, for given hyperparameters (optimizer=None);
  - "fitted": the largest log marginal likelihood found by scikit-learn's
    L-BFGS-B with 20 random restarts, within the bounds of fit/gp.go.

Needs Debian's python3-sklearn: /usr/bin/python3 gp_sklearn.py
"""
import json

import numpy as np
import sklearn
from sklearn.gaussian_process import GaussianProcessRegressor
from sklearn.gaussian_process.kernels import RBF, ConstantKernel, WhiteKernel

rng = np.random.RandomState(0)
n, N = 3, 12
X = rng.uniform(size=(N, n))
y = np.sin(3 * X[:, 0]) + X[:, 1] ** 2 - 0.5 * X[:, 2] + 0.05 * rng.normal(size=N)
y = (y - y.mean()) / y.std()
Xs = rng.uniform(size=(5, n))

# Fixed hyperparameters: theta = (ln l_1..l_n, ln sf2, ln sn2).
theta = [np.log(0.3), np.log(0.7), np.log(2.0), np.log(1.5), np.log(1e-3)]
kernel = ConstantKernel(np.exp(theta[n]), "fixed") * \
    RBF(np.exp(theta[:n]), "fixed") + WhiteKernel(np.exp(theta[n + 1]), "fixed")
gpr = GaussianProcessRegressor(kernel=kernel, alpha=0.0, optimizer=None).fit(X, y)
# sklearn orders kernel.theta as (ln sf2, ln l_1..l_n, ln sn2).
kt = np.array([theta[n]] + theta[:n] + [theta[n + 1]])
k_free = ConstantKernel(1.0) * RBF(np.ones(n)) + WhiteKernel(1.0)
lml, grad = GaussianProcessRegressor(kernel=k_free, alpha=0.0, optimizer=None) \
    .fit(X, y).log_marginal_likelihood(kt, eval_gradient=True)
grad = [float(g) for g in np.concatenate([grad[1:n + 1], grad[:1], grad[n + 1:]])]
mean, std = gpr.predict(Xs, return_std=True)

# Fitted: the bounds of gp.go.
bounded = ConstantKernel(1.0, (1e-2, 1e2)) * RBF(np.full(n, 0.3), (1e-2, 10.0)) + \
    WhiteKernel(1e-4, (1e-10, 1e-1))
fitted = GaussianProcessRegressor(kernel=bounded, alpha=0.0, n_restarts_optimizer=20,
                                  random_state=0).fit(X, y)

out = {
    "sklearn": sklearn.__version__,
    "x": X.tolist(), "y": y.tolist(), "xs": Xs.tolist(),
    "fixed": {"theta": [float(t) for t in theta], "lml": float(lml), "grad": grad,
              "mean": mean.tolist(), "std": std.tolist()},
    "fitted": {"lml": float(fitted.log_marginal_likelihood_value_),
               "kernel": str(fitted.kernel_)},
}
with open("gp_sklearn.json", "w") as fh:
    json.dump(out, fh, indent=1)
    fh.write("\n")
