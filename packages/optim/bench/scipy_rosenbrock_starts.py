#!/usr/bin/env python3
"""scipy's BFGS and L-BFGS-B on 2-D Rosenbrock from many starts, counted as
descent counts them (calls of f, numerical-gradient calls included; a run is
solved when the TRUE ‖∇f‖∞ at its answer is ≤ 1e-5).

Reads the starts as JSON ([[x0, x1], …]) on stdin; writes JSON
{"scipy", "numpy", "runs": {"BFGS": {"analytic": [[calls, solved], …], "2-point": …}, "L-BFGS-B ftol=0": …}}.
BFGS with gtol 1e-5 (∞-norm); L-BFGS-B with pgtol 1e-5 and ftol 0, so that it
runs to the same gradient tolerance instead of stopping on a small decrease.
Used by rosenbrock-starts.bench.ts.
"""
import json
import sys

import numpy as np
import scipy
from scipy.optimize import minimize, rosen, rosen_der


def count(x0, method, analytic):
    calls = [0]

    def f(x):
        calls[0] += 1
        return rosen(x)

    options = {'gtol': 1e-5} if method == 'BFGS' else {'gtol': 1e-5, 'ftol': 0}
    result = minimize(f, np.array(x0, dtype=float), jac=rosen_der if analytic else '2-point', method=method, options=options)
    return [calls[0], bool(np.max(np.abs(rosen_der(result.x))) <= 1e-5)]


def main():
    starts = json.load(sys.stdin)
    runs = {}
    for name, method in [('BFGS', 'BFGS'), ('L-BFGS-B ftol=0', 'L-BFGS-B')]:
        runs[name] = {key: [count(s, method, key == 'analytic') for s in starts] for key in ('analytic', '2-point')}
    json.dump({'scipy': scipy.__version__, 'numpy': np.__version__, 'runs': runs}, sys.stdout)


if __name__ == '__main__':
    main()
