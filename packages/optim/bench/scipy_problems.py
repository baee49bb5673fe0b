#!/usr/bin/env python3
"""scipy's BFGS and L-BFGS-B on the 35 Moré–Garbow–Hillstrom problems, counted as
descent counts them: calls of f (numerical-gradient calls included) until scipy
stops; a run "solves" a problem when the TRUE (analytic) ‖∇f‖∞ at scipy's answer
is ≤ 1e-5.

The problem definitions mirror packages/optim/test/problems/mgh.ts term by term
(residuals r and Jacobian J, f = Σ r², ∇f = 2Jᵀr); f(x₀) and ∇f(x₀) of both are
compared by a test through the JSON this script writes. Also: the Rosenbrock
cases of issue 11 and bounded Rosenbrock for L-BFGS-B.

Gradients: 'analytic' (jac=the analytic gradient; calls of f = nfev),
'2-point' (jac=None: scipy's forward differences reusing f(x), N calls per
gradient, all counted in nfev), '3-point' (central, 2N per gradient).
scipy's defaults otherwise (BFGS gtol 1e-5 in the ∞-norm, L-BFGS-B pgtol 1e-5
and factr 1e7).

Usage: python3 scipy_problems.py [--out FILE]   (default: print JSON to stdout)
"""
import argparse
import json
import math
import sys

import numpy as np
import scipy
from scipy.optimize import minimize

GRAD_TOL = 1e-5
SQRT_A = math.sqrt(1e-5)
TWO_PI = 2 * math.pi

BEALE_Y = [1.5, 2.25, 2.625]
BARD_Y = [0.14, 0.18, 0.22, 0.25, 0.29, 0.32, 0.35, 0.39, 0.37, 0.58, 0.73, 0.96, 1.34, 2.1, 4.39]
GAUSS_Y = [0.0009, 0.0044, 0.0175, 0.054, 0.1295, 0.242, 0.3521, 0.3989, 0.3521, 0.242, 0.1295, 0.054, 0.0175, 0.0044, 0.0009]
MEYER_Y = [34780, 28610, 23650, 19630, 16370, 13720, 11540, 9744, 8261, 7030, 6005, 5147, 4427, 3820, 3307, 2872]
KOWALIK_Y = [0.1957, 0.1947, 0.1735, 0.16, 0.0844, 0.0627, 0.0456, 0.0342, 0.0323, 0.0235, 0.0246]
KOWALIK_U = [4, 2, 1, 0.5, 0.25, 0.167, 0.125, 0.1, 0.0833, 0.0714, 0.0625]
OSBORNE1_Y = [0.844, 0.908, 0.932, 0.936, 0.925, 0.908, 0.881, 0.85, 0.818, 0.784, 0.751, 0.718, 0.685, 0.658, 0.628, 0.603, 0.58,
              0.558, 0.538, 0.522, 0.506, 0.49, 0.478, 0.467, 0.457, 0.448, 0.438, 0.431, 0.424, 0.42, 0.414, 0.411, 0.406]
OSBORNE2_Y = [1.366, 1.191, 1.112, 1.013, 0.991, 0.885, 0.831, 0.847, 0.786, 0.725, 0.746, 0.679, 0.608, 0.655, 0.616, 0.606, 0.602,
              0.626, 0.651, 0.724, 0.649, 0.649, 0.694, 0.644, 0.624, 0.661, 0.612, 0.558, 0.533, 0.495, 0.5, 0.423, 0.395, 0.375,
              0.372, 0.391, 0.396, 0.405, 0.428, 0.429, 0.523, 0.562, 0.607, 0.653, 0.672, 0.708, 0.633, 0.668, 0.645, 0.632, 0.591,
              0.559, 0.597, 0.625, 0.739, 0.71, 0.729, 0.72, 0.636, 0.581, 0.428, 0.292, 0.162, 0.098, 0.054]
GULF_M = 99
GULF_Y = [25 + (-50 * math.log((i + 1) / 100)) ** (2 / 3) for i in range(GULF_M)]


def powell_block(r, J, x, k):
    a, b, c, d = x[k], x[k + 1], x[k + 2], x[k + 3]
    if r is not None:
        r[k] = a + 10 * b
        r[k + 1] = math.sqrt(5) * (c - d)
        r[k + 2] = (b - 2 * c) ** 2
        r[k + 3] = math.sqrt(10) * (a - d) ** 2
    if J is not None:
        J[k, k], J[k, k + 1] = 1, 10
        J[k + 1, k + 2], J[k + 1, k + 3] = math.sqrt(5), -math.sqrt(5)
        J[k + 2, k + 1], J[k + 2, k + 2] = 2 * (b - 2 * c), -4 * (b - 2 * c)
        J[k + 3, k], J[k + 3, k + 3] = 2 * math.sqrt(10) * (a - d), -2 * math.sqrt(10) * (a - d)


def chebyshev(i, y):
    t0, t1, d0, d1 = 1.0, y, 0.0, 1.0
    for _ in range(1, i):
        t0, t1, d0, d1 = t1, 2 * y * t1 - t0, d1, 2 * t1 + 2 * y * d1 - d0
    return t1, d1


def helical_theta(a, b):
    return math.atan(b / a) / TWO_PI + (0.5 if a < 0 else 0)


# Each problem: (id, name, n, m, x0, residuals(x) -> r, jacobian(x) -> J), written with loops to mirror mgh.ts.
def r_rosenbrock(x): return [10 * (x[1] - x[0] ** 2), 1 - x[0]]
def j_rosenbrock(x): return [[-20 * x[0], 10], [-1, 0]]


def r_freudenstein(x):
    b = x[1]
    return [-13 + x[0] + ((5 - b) * b - 2) * b, -29 + x[0] + ((b + 1) * b - 14) * b]


def j_freudenstein(x):
    b = x[1]
    return [[1, 10 * b - 3 * b * b - 2], [1, 3 * b * b + 2 * b - 14]]


def r_powell_bs(x): return [1e4 * x[0] * x[1] - 1, math.exp(-x[0]) + math.exp(-x[1]) - 1.0001]
def j_powell_bs(x): return [[1e4 * x[1], 1e4 * x[0]], [-math.exp(-x[0]), -math.exp(-x[1])]]
def r_brown_bs(x): return [x[0] - 1e6, x[1] - 2e-6, x[0] * x[1] - 2]
def j_brown_bs(x): return [[1, 0], [0, 1], [x[1], x[0]]]
def r_beale(x): return [BEALE_Y[i] - x[0] * (1 - x[1] ** (i + 1)) for i in range(3)]
def j_beale(x): return [[x[1] ** (i + 1) - 1, x[0] * (i + 1) * x[1] ** i] for i in range(3)]
def r_jennrich(x): return [2 + 2 * i - math.exp(i * x[0]) - math.exp(i * x[1]) for i in range(1, 11)]
def j_jennrich(x): return [[-i * math.exp(i * x[0]), -i * math.exp(i * x[1])] for i in range(1, 11)]


def r_helical(x):
    return [10 * (x[2] - 10 * helical_theta(x[0], x[1])), 10 * (math.hypot(x[0], x[1]) - 1), x[2]]


def j_helical(x):
    a, b = x[0], x[1]
    rr = a * a + b * b
    rho = math.sqrt(rr)
    return [[100 * b / (TWO_PI * rr), -100 * a / (TWO_PI * rr), 10], [10 * a / rho, 10 * b / rho, 0], [0, 0, 1]]


def r_bard(x):
    return [BARD_Y[u - 1] - (x[0] + u / ((16 - u) * x[1] + min(u, 16 - u) * x[2])) for u in range(1, 16)]


def j_bard(x):
    rows = []
    for u in range(1, 16):
        v, w = 16 - u, min(u, 16 - u)
        d2 = (v * x[1] + w * x[2]) ** 2
        rows.append([-1, u * v / d2, u * w / d2])
    return rows


def r_gauss(x):
    return [x[0] * math.exp(-x[1] * ((7 - i) / 2 - x[2]) ** 2 / 2) - GAUSS_Y[i] for i in range(15)]


def j_gauss(x):
    rows = []
    for i in range(15):
        d = (7 - i) / 2 - x[2]
        e = math.exp(-x[1] * d * d / 2)
        rows.append([e, -x[0] * e * d * d / 2, x[0] * e * x[1] * d])
    return rows


def r_meyer(x): return [x[0] * math.exp(x[1] / (45 + 5 * i + x[2])) - MEYER_Y[i - 1] for i in range(1, 17)]


def j_meyer(x):
    rows = []
    for i in range(1, 17):
        d = 45 + 5 * i + x[2]
        e = math.exp(x[1] / d)
        rows.append([e, x[0] * e / d, -x[0] * e * x[1] / (d * d)])
    return rows


def r_gulf(x):
    return [math.exp(-(abs(GULF_Y[i] - x[1]) ** x[2]) / x[0]) - (i + 1) / 100 for i in range(GULF_M)]


def j_gulf(x):
    rows = []
    for i in range(GULF_M):
        diff = GULF_Y[i] - x[1]
        a = abs(diff)
        p = a ** x[2]
        e = math.exp(-p / x[0])
        sign = math.copysign(1.0, diff) if diff != 0 else 0.0
        rows.append([e * p / (x[0] * x[0]), e * x[2] * a ** (x[2] - 1) * sign / x[0], -e * p * math.log(a) / x[0]])
    return rows


def r_box(x):
    return [math.exp(-i / 10 * x[0]) - math.exp(-i / 10 * x[1]) - x[2] * (math.exp(-i / 10) - math.exp(-10 * (i / 10))) for i in range(1, 11)]


def j_box(x):
    return [[-(i / 10) * math.exp(-(i / 10) * x[0]), (i / 10) * math.exp(-(i / 10) * x[1]), -(math.exp(-i / 10) - math.exp(-10 * (i / 10)))]
            for i in range(1, 11)]


def blocks(n, m, fill):
    """r, J of a problem built by fill(r, J, x) on preallocated arrays (J zeroed)."""
    def r(x):
        out = np.zeros(m)
        fill(out, None, x)
        return out

    def j(x):
        out = np.zeros((m, n))
        fill(None, out, x)
        return out
    return r, j


def fill_powell(n):
    def fill(r, J, x):
        for k in range(0, n, 4):
            powell_block(r, J, x, k)
    return fill


def r_wood(x):
    a, b, c, d = x
    return [10 * (b - a * a), 1 - a, math.sqrt(90) * (d - c * c), 1 - c, math.sqrt(10) * (b + d - 2), (b - d) / math.sqrt(10)]


def j_wood(x):
    J = np.zeros((6, 4))
    J[0, 0], J[0, 1], J[1, 0] = -20 * x[0], 10, -1
    J[2, 2], J[2, 3], J[3, 2] = -2 * math.sqrt(90) * x[2], math.sqrt(90), -1
    J[4, 1], J[4, 3], J[5, 1], J[5, 3] = math.sqrt(10), math.sqrt(10), 1 / math.sqrt(10), -1 / math.sqrt(10)
    return J


def r_kowalik(x):
    return [KOWALIK_Y[i] - x[0] * (u * u + u * x[1]) / (u * u + u * x[2] + x[3]) for i, u in enumerate(KOWALIK_U)]


def j_kowalik(x):
    rows = []
    for u in KOWALIK_U:
        num, den = u * u + u * x[1], u * u + u * x[2] + x[3]
        rows.append([-num / den, -x[0] * u / den, x[0] * num * u / (den * den), x[0] * num / (den * den)])
    return rows


def r_brown_dennis(x):
    return [(x[0] + i / 5 * x[1] - math.exp(i / 5)) ** 2 + (x[2] + x[3] * math.sin(i / 5) - math.cos(i / 5)) ** 2 for i in range(1, 21)]


def j_brown_dennis(x):
    rows = []
    for i in range(1, 21):
        t = i / 5
        a = x[0] + t * x[1] - math.exp(t)
        b = x[2] + x[3] * math.sin(t) - math.cos(t)
        rows.append([2 * a, 2 * a * t, 2 * b, 2 * b * math.sin(t)])
    return rows


def r_osborne1(x):
    return [OSBORNE1_Y[i] - (x[0] + x[1] * math.exp(-10 * i * x[3]) + x[2] * math.exp(-10 * i * x[4])) for i in range(33)]


def j_osborne1(x):
    rows = []
    for i in range(33):
        t = 10 * i
        a, b = math.exp(-t * x[3]), math.exp(-t * x[4])
        rows.append([-1, -a, -b, x[1] * t * a, x[2] * t * b])
    return rows


def r_biggs(x):
    out = []
    for i in range(1, 14):
        t = i / 10
        y = math.exp(-t) - 5 * math.exp(-10 * t) + 3 * math.exp(-4 * t)
        out.append(x[2] * math.exp(-t * x[0]) - x[3] * math.exp(-t * x[1]) + x[5] * math.exp(-t * x[4]) - y)
    return out


def j_biggs(x):
    rows = []
    for i in range(1, 14):
        t = i / 10
        e1, e2, e5 = math.exp(-t * x[0]), math.exp(-t * x[1]), math.exp(-t * x[4])
        rows.append([-t * x[2] * e1, t * x[3] * e2, e1, -e2, -t * x[5] * e5, e5])
    return rows


def r_osborne2(x):
    out = []
    for i in range(65):
        t = i / 10
        model = x[0] * math.exp(-t * x[4])
        for k in range(1, 4):
            model += x[k] * math.exp(-((t - x[7 + k]) ** 2) * x[4 + k])
        out.append(OSBORNE2_Y[i] - model)
    return out


def j_osborne2(x):
    J = np.zeros((65, 11))
    for i in range(65):
        t = i / 10
        e = math.exp(-t * x[4])
        J[i, 0], J[i, 4] = -e, x[0] * t * e
        for k in range(1, 4):
            d = t - x[7 + k]
            ek = math.exp(-d * d * x[4 + k])
            J[i, k], J[i, 4 + k], J[i, 7 + k] = -ek, x[k] * d * d * ek, -2 * x[k] * x[4 + k] * d * ek
    return J


def r_watson(x):
    out = []
    for i in range(1, 30):
        t = i / 29
        s1, s2, p = 0.0, x[0], 1.0
        for j in range(1, 6):
            s1 += j * x[j] * p
            p *= t
            s2 += x[j] * p
        out.append(s1 - s2 * s2 - 1)
    return out + [x[0], x[1] - x[0] ** 2 - 1]


def j_watson(x):
    J = np.zeros((31, 6))
    for i in range(1, 30):
        t = i / 29
        s2, p = 0.0, 1.0
        for j in range(6):
            s2 += x[j] * p
            p *= t
        p = 1.0
        for j in range(6):
            J[i - 1, j] = (j * p / t if j > 0 else 0) - 2 * s2 * p
            p *= t
    J[29, 0], J[30, 0], J[30, 1] = 1, -2 * x[0], 1
    return J


def fill_ext_rosenbrock(r, J, x):
    for k in range(0, 10, 2):
        if r is not None:
            r[k], r[k + 1] = 10 * (x[k + 1] - x[k] ** 2), 1 - x[k]
        if J is not None:
            J[k, k], J[k, k + 1], J[k + 1, k] = -20 * x[k], 10, -1


def fill_penalty1(r, J, x):
    s = -0.25
    for j in range(10):
        if r is not None:
            r[j] = SQRT_A * (x[j] - 1)
        s += x[j] ** 2
        if J is not None:
            J[j, j], J[10, j] = SQRT_A, 2 * x[j]
    if r is not None:
        r[10] = s


def fill_penalty2(r, J, x):
    if r is not None:
        r[0] = x[0] - 0.2
        s = -1.0
        for j in range(10):
            s += (10 - j) * x[j] ** 2
        for i in range(1, 10):
            r[i] = SQRT_A * (math.exp(x[i] / 10) + math.exp(x[i - 1] / 10) - (math.exp((i + 1) / 10) + math.exp(i / 10)))
            r[9 + i] = SQRT_A * (math.exp(x[i] / 10) - math.exp(-1 / 10))
        r[19] = s
    if J is not None:
        J[0, 0] = 1
        for i in range(1, 10):
            J[i, i] = SQRT_A * math.exp(x[i] / 10) / 10
            J[i, i - 1] = SQRT_A * math.exp(x[i - 1] / 10) / 10
            J[9 + i, i] = SQRT_A * math.exp(x[i] / 10) / 10
        for j in range(10):
            J[19, j] = 2 * (10 - j) * x[j]


def fill_var_dim(r, J, x):
    s = 0.0
    for j in range(10):
        s += (j + 1) * (x[j] - 1)
    for j in range(10):
        if r is not None:
            r[j] = x[j] - 1
        if J is not None:
            J[j, j], J[10, j], J[11, j] = 1, j + 1, 2 * s * (j + 1)
    if r is not None:
        r[10], r[11] = s, s * s


def fill_trig(r, J, x):
    c = sum(math.cos(x[j]) for j in range(10))
    for i in range(10):
        if r is not None:
            r[i] = 10 - c + (i + 1) * (1 - math.cos(x[i])) - math.sin(x[i])
        if J is not None:
            for j in range(10):
                J[i, j] = math.sin(x[j])
            J[i, i] += (i + 1) * math.sin(x[i]) - math.cos(x[i])


def fill_brown_al(r, J, x):
    s, p = 0.0, 1.0
    for j in range(10):
        s += x[j]
        p *= x[j]
    for i in range(9):
        if r is not None:
            r[i] = x[i] + s - 11
        if J is not None:
            for j in range(10):
                J[i, j] = 2 if i == j else 1
    if r is not None:
        r[9] = p - 1
    if J is not None:
        for j in range(10):
            q = 1.0
            for k in range(10):
                if k != j:
                    q *= x[k]
            J[9, j] = q


def fill_dbv(r, J, x):
    h = 1 / 11
    for i in range(10):
        left = x[i - 1] if i > 0 else 0
        right = x[i + 1] if i < 9 else 0
        if r is not None:
            r[i] = 2 * x[i] - left - right + h * h * (x[i] + (i + 1) * h + 1) ** 3 / 2
        if J is not None:
            J[i, i] = 2 + 1.5 * h * h * (x[i] + (i + 1) * h + 1) ** 2
            if i > 0:
                J[i, i - 1] = -1
            if i < 9:
                J[i, i + 1] = -1


def fill_die(r, J, x):
    h = 1 / 11
    for i in range(10):
        ti = (i + 1) * h
        below, above = 0.0, 0.0
        for j in range(10):
            tj = (j + 1) * h
            cube = (x[j] + tj + 1) ** 3
            if j <= i:
                below += tj * cube
            else:
                above += (1 - tj) * cube
            if J is not None:
                sq = 3 * (x[j] + tj + 1) ** 2
                J[i, j] = h * ((1 - ti) * tj if j <= i else ti * (1 - tj)) * sq / 2 + (1 if i == j else 0)
        if r is not None:
            r[i] = x[i] + h * ((1 - ti) * below + ti * above) / 2


def fill_broyden_tri(r, J, x):
    for i in range(10):
        if r is not None:
            r[i] = (3 - 2 * x[i]) * x[i] - (x[i - 1] if i > 0 else 0) - 2 * (x[i + 1] if i < 9 else 0) + 1
        if J is not None:
            J[i, i] = 3 - 4 * x[i]
            if i > 0:
                J[i, i - 1] = -1
            if i < 9:
                J[i, i + 1] = -2


def fill_broyden_band(r, J, x):
    for i in range(10):
        s = 0.0
        for j in range(max(0, i - 5), min(9, i + 1) + 1):
            if j != i:
                s += x[j] * (1 + x[j])
            if J is not None:
                J[i, j] = 2 + 15 * x[i] ** 2 if j == i else -(1 + 2 * x[j])
        if r is not None:
            r[i] = x[i] * (2 + 5 * x[i] ** 2) + 1 - s


def fill_linear_full(r, J, x):
    s = sum(x[j] for j in range(10))
    for i in range(20):
        if r is not None:
            r[i] = (x[i] if i < 10 else 0) - 2 * s / 20 - 1
        if J is not None:
            for j in range(10):
                J[i, j] = (1 if i == j else 0) - 2 / 20


def fill_linear_r1(r, J, x):
    s = sum((j + 1) * x[j] for j in range(10))
    for i in range(20):
        if r is not None:
            r[i] = (i + 1) * s - 1
        if J is not None:
            for j in range(10):
                J[i, j] = (i + 1) * (j + 1)


def fill_linear_r1z(r, J, x):
    s = sum((j + 1) * x[j] for j in range(1, 9))
    if r is not None:
        r[0], r[19] = -1, -1
    for i in range(1, 19):
        if r is not None:
            r[i] = i * s - 1
        if J is not None:
            for j in range(1, 9):
                J[i, j] = i * (j + 1)


def fill_chebyquad(r, J, x):
    for i in range(1, 9):
        s = 0.0
        for j in range(8):
            t, d = chebyshev(i, 2 * x[j] - 1)
            s += t
            if J is not None:
                J[i - 1, j] = 2 * d / 8
        if r is not None:
            r[i - 1] = s / 8 + (1 / (i * i - 1) if i % 2 == 0 else 0)


def simple(r, j):
    return lambda x: np.asarray(r(x), dtype=float), lambda x: np.asarray(j(x), dtype=float)


PROBLEMS = [
    (1, 'Rosenbrock', 2, 2, [-1.2, 1], *simple(r_rosenbrock, j_rosenbrock)),
    (2, 'Freudenstein-Roth', 2, 2, [0.5, -2], *simple(r_freudenstein, j_freudenstein)),
    (3, 'Powell badly scaled', 2, 2, [0, 1], *simple(r_powell_bs, j_powell_bs)),
    (4, 'Brown badly scaled', 2, 3, [1, 1], *simple(r_brown_bs, j_brown_bs)),
    (5, 'Beale', 2, 3, [1, 1], *simple(r_beale, j_beale)),
    (6, 'Jennrich-Sampson', 2, 10, [0.3, 0.4], *simple(r_jennrich, j_jennrich)),
    (7, 'Helical valley', 3, 3, [-1, 0, 0], *simple(r_helical, j_helical)),
    (8, 'Bard', 3, 15, [1, 1, 1], *simple(r_bard, j_bard)),
    (9, 'Gaussian', 3, 15, [0.4, 1, 0], *simple(r_gauss, j_gauss)),
    (10, 'Meyer', 3, 16, [0.02, 4000, 250], *simple(r_meyer, j_meyer)),
    (11, 'Gulf research and development', 3, GULF_M, [5, 2.5, 0.15], *simple(r_gulf, j_gulf)),
    (12, 'Box three-dimensional', 3, 10, [0, 10, 20], *simple(r_box, j_box)),
    (13, 'Powell singular', 4, 4, [3, -1, 0, 1], *blocks(4, 4, fill_powell(4))),
    (14, 'Wood', 4, 6, [-3, -1, -3, -1], *simple(r_wood, j_wood)),
    (15, 'Kowalik-Osborne', 4, 11, [0.25, 0.39, 0.415, 0.39], *simple(r_kowalik, j_kowalik)),
    (16, 'Brown-Dennis', 4, 20, [25, 5, -5, -1], *simple(r_brown_dennis, j_brown_dennis)),
    (17, 'Osborne 1', 5, 33, [0.5, 1.5, -1, 0.01, 0.02], *simple(r_osborne1, j_osborne1)),
    (18, 'Biggs EXP6', 6, 13, [1, 2, 1, 1, 1, 1], *simple(r_biggs, j_biggs)),
    (19, 'Osborne 2', 11, 65, [1.3, 0.65, 0.65, 0.7, 0.6, 3, 5, 7, 2, 4.5, 5.5], *simple(r_osborne2, j_osborne2)),
    (20, 'Watson', 6, 31, [0] * 6, *simple(r_watson, j_watson)),
    (21, 'Extended Rosenbrock', 10, 10, [-1.2 if j % 2 == 0 else 1 for j in range(10)], *blocks(10, 10, fill_ext_rosenbrock)),
    (22, 'Extended Powell singular', 12, 12, [[3, -1, 0, 1][j % 4] for j in range(12)], *blocks(12, 12, fill_powell(12))),
    (23, 'Penalty I', 10, 11, [j + 1 for j in range(10)], *blocks(10, 11, fill_penalty1)),
    (24, 'Penalty II', 10, 20, [0.5] * 10, *blocks(10, 20, fill_penalty2)),
    (25, 'Variably dimensioned', 10, 12, [1 - (j + 1) / 10 for j in range(10)], *blocks(10, 12, fill_var_dim)),
    (26, 'Trigonometric', 10, 10, [1 / 10] * 10, *blocks(10, 10, fill_trig)),
    (27, 'Brown almost-linear', 10, 10, [0.5] * 10, *blocks(10, 10, fill_brown_al)),
    (28, 'Discrete boundary value', 10, 10, [(j + 1) / 11 * ((j + 1) / 11 - 1) for j in range(10)], *blocks(10, 10, fill_dbv)),
    (29, 'Discrete integral equation', 10, 10, [(j + 1) / 11 * ((j + 1) / 11 - 1) for j in range(10)], *blocks(10, 10, fill_die)),
    (30, 'Broyden tridiagonal', 10, 10, [-1] * 10, *blocks(10, 10, fill_broyden_tri)),
    (31, 'Broyden banded', 10, 10, [-1] * 10, *blocks(10, 10, fill_broyden_band)),
    (32, 'Linear function - full rank', 10, 20, [1] * 10, *blocks(10, 20, fill_linear_full)),
    (33, 'Linear function - rank 1', 10, 20, [1] * 10, *blocks(10, 20, fill_linear_r1)),
    (34, 'Linear function - rank 1 with zero columns and rows', 10, 20, [1] * 10, *blocks(10, 20, fill_linear_r1z)),
    (35, 'Chebyquad', 8, 8, [(j + 1) / 9 for j in range(8)], *blocks(8, 8, fill_chebyquad)),
]


def shifted_start(x0):
    """The second check point: shiftedStart of test/problems/mgh.ts."""
    return [v + (1 if j % 2 == 0 else -1) * (0.04 + 0.06 * ((j * 7) % 5) / 4) * (abs(v) + 0.1) for j, v in enumerate(x0)]


def objective(res, jac):
    def f(x):
        r = res(x)
        return float(np.dot(r, r))

    def g(x):
        return 2 * jac(x).T @ res(x)
    return f, g


# 'L-BFGS-B ftol=0' runs scipy's L-BFGS-B without its relative-reduction stop (factr·eps), so that it, too,
# runs to the projected-gradient test — its default stops early on most of these problems.
METHODS = {'BFGS': ('BFGS', {}), 'L-BFGS-B': ('L-BFGS-B', {}), 'L-BFGS-B ftol=0': ('L-BFGS-B', {'ftol': 0.0})}


def run(f, g, x0, method, gradient, bounds=None):
    """One scipy run; calls of f counted by a wrapper (equals nfev)."""
    calls = [0]

    def counted(x):
        calls[0] += 1
        return f(x)
    jac = g if gradient == 'analytic' else (None if gradient == '2-point' else '3-point')
    name, options = METHODS[method]
    with np.errstate(all='ignore'):
        try:
            res = minimize(counted, np.array(x0, dtype=float), method=name, jac=jac, bounds=bounds, options=options)
        except Exception as error:  # a failed run counts as unsolved
            return {'calls': calls[0], 'solved': False, 'message': f'raised {type(error).__name__}: {error}'}
        true_g = g(res.x)
    if bounds is not None:
        lo = np.array([b[0] for b in bounds])
        hi = np.array([b[1] for b in bounds])
        true_g = res.x - np.clip(res.x - true_g, lo, hi)  # projected gradient
    norm = float(np.max(np.abs(true_g)))
    return {
        'calls': calls[0], 'nfev': int(res.nfev), 'njev': int(getattr(res, 'njev', 0)), 'nit': int(res.nit),
        'f': float(res.fun), 'gradNorm': norm if math.isfinite(norm) else None,
        'solved': bool(math.isfinite(norm) and norm <= GRAD_TOL), 'x': [float(v) for v in res.x], 'message': str(res.message),
    }


def chained_rosenbrock(x):
    return float(np.sum(100 * (x[1:] - x[:-1] ** 2) ** 2 + (1 - x[:-1]) ** 2))


def chained_rosenbrock_grad(x):
    g = np.zeros_like(x)
    g[:-1] += -400 * x[:-1] * (x[1:] - x[:-1] ** 2) - 2 * (1 - x[:-1])
    g[1:] += 200 * (x[1:] - x[:-1] ** 2)
    return g


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--out', help='write the JSON here (default: stdout)')
    args = parser.parse_args()
    methods = list(METHODS)
    gradients = ['analytic', '2-point', '3-point']
    problems = []
    for (pid, name, n, m, x0, res, jac) in PROBLEMS:
        f, g = objective(res, jac)
        x1 = shifted_start(x0)
        problems.append({
            'id': pid, 'name': name, 'n': n, 'm': m,
            'f0': f(np.array(x0, float)), 'g0': [float(v) for v in g(np.array(x0, float))],
            'f1': f(np.array(x1, float)), 'g1': [float(v) for v in g(np.array(x1, float))],
            'runs': {meth: {grad: run(f, g, x0, meth, grad) for grad in gradients} for meth in methods},
        })
    rosen2 = [-1.2, 1.0]
    rosen10 = [1.3, 0.7, 0.8, 1.9, 1.2] * 2
    cases = {
        'rosenbrock2': {'x0': rosen2, 'runs': {meth: {grad: run(chained_rosenbrock, chained_rosenbrock_grad, rosen2, meth, grad)
                                                       for grad in gradients} for meth in methods}},
        'rosenbrock10': {'x0': rosen10, 'runs': {meth: {grad: run(chained_rosenbrock, chained_rosenbrock_grad, rosen10, meth, grad)
                                                         for grad in gradients} for meth in methods}},
        'rosenbrockBounded': {'x0': rosen2, 'bounds': [[-2, 0.5], [-2, 2]],
                              'runs': {meth: {grad: run(chained_rosenbrock, chained_rosenbrock_grad, rosen2, meth, grad,
                                                        bounds=[(-2, 0.5), (-2, 2)]) for grad in gradients}
                                       for meth in ['L-BFGS-B', 'L-BFGS-B ftol=0']}},
    }
    out = {
        'scipy': scipy.__version__, 'numpy': np.__version__, 'python': sys.version.split()[0], 'gradTol': GRAD_TOL,
        'counting': 'calls of f until scipy stops (numerical-gradient calls included; 2-point reuses f(x): N per gradient); '
                    'solved = true ‖∇f‖∞ ≤ gradTol at the answer (projected gradient with bounds); scipy defaults otherwise',
        'problems': problems, 'cases': cases,
    }
    text = json.dumps(out, indent=1, allow_nan=False)
    if args.out:
        with open(args.out, 'w') as fh:
            fh.write(text + '\n')
    else:
        print(text)


if __name__ == '__main__':
    main()
