"""Engine vs numpy: the NLL loss and its gradient w.r.t. W (and b) for a linear energy.

Writes the same seeded data for both, runs the release Swift executable, then numpy in this
process, checks that both computed the same loss and gradient, and prints the time ratios.
Single thread on both sides: run.sh sets OPENBLAS_NUM_THREADS=1 and friends.
"""

import os
import subprocess
import sys
import tempfile
import time

import numpy as np

SIZES = [  # (name, n classes, d, batch, calls per repeat)
    ("small", 10, 16, 32, 2000),
    ("large", 64, 256, 4096, 5),
]
BETA = 2.0
ROUNDS = 10  # engine and numpy take turns, so a burst of load on the machine hits both
REPEATS = 3  # timed loops per turn; the best loop over all turns counts


def nll_and_gradient(x, w, b, y, beta):
    """The same computation as LinearEnergy.nllLossAndGradient, in numpy."""
    batch = x.shape[0]
    s = x @ w.T + b                         # scores, energies E = -s
    top = s.max(axis=1, keepdims=True)
    e = np.exp(beta * (s - top))
    z = e.sum(axis=1, keepdims=True)
    rows = np.arange(batch)
    loss = np.mean(-s[rows, y] + top[:, 0] + np.log(z[:, 0]) / beta)
    g = -e / (z * batch)                    # G = (onehot - P) / B
    g[rows, y] += 1.0 / batch
    return loss, -(g.T @ x), -g.sum(axis=0)


def time_numpy(args, calls):
    best = float("inf")
    result = nll_and_gradient(*args)
    for _ in range(REPEATS):
        start = time.perf_counter()
        for _ in range(calls):
            result = nll_and_gradient(*args)
        best = min(best, (time.perf_counter() - start) / calls)
    return best, result


def main():
    executable = sys.argv[1]
    try:
        from threadpoolctl import threadpool_info
        for pool in threadpool_info():
            print(f"numpy BLAS: {pool.get('internal_api')} {pool.get('version')} "
                  f"{pool.get('architecture')} threads={pool.get('num_threads')}")
    except ImportError:
        print("numpy BLAS: (threadpoolctl not installed)")
    print(f"numpy {np.__version__}; beta = {BETA}; best loop of {ROUNDS} x {REPEATS}, "
          "engine and numpy taking turns\n")
    print(f"{'size':<7}{'n':>4}{'d':>5}{'batch':>7}{'engine':>13}{'numpy':>13}"
          f"{'numpy/engine':>14}")
    rng = np.random.default_rng(2006)
    for name, n, d, batch, calls in SIZES:
        x = rng.standard_normal((batch, d))
        w = rng.standard_normal((n, d)) / np.sqrt(d)
        b = rng.standard_normal(n)
        y = rng.integers(0, n, batch).astype(np.int64)
        engine_seconds = numpy_seconds = float("inf")
        with tempfile.TemporaryDirectory() as tmp:
            for fname, array in [("x", x), ("w", w), ("b", b)]:
                array.astype("<f8").tofile(os.path.join(tmp, fname + ".f64"))
            y.astype("<i8").tofile(os.path.join(tmp, "y.i64"))
            for _ in range(ROUNDS):
                out = subprocess.run(
                    [executable, tmp, str(n), str(d), str(batch), str(BETA), str(calls),
                     str(REPEATS)],
                    check=True, capture_output=True, text=True).stdout.split()
                engine_seconds = min(engine_seconds, float(out[0]))
                engine_loss, engine_checksum = float(out[1]), float(out[2])
                seconds, (loss, gw, gb) = time_numpy((x, w, b, y, BETA), calls)
                numpy_seconds = min(numpy_seconds, seconds)
        checksum = gw.sum() + gb.sum() + sum((i % 7) * v for i, v in enumerate(gw.ravel()))
        assert abs(loss - engine_loss) < 1e-9 * max(1, abs(loss)), (loss, engine_loss)
        assert abs(checksum - engine_checksum) < 1e-9 * max(1, abs(checksum)), \
            (checksum, engine_checksum)
        print(f"{name:<7}{n:>4}{d:>5}{batch:>7}{engine_seconds * 1e6:>10.1f} µs"
              f"{numpy_seconds * 1e6:>10.1f} µs{numpy_seconds / engine_seconds:>13.2f}x")


if __name__ == "__main__":
    main()
