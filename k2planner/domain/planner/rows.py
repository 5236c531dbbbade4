"""Rows of a sparse program, collected one at a time and handed to HiGHS as CSR arrays."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray


class SparseRows:
    """Accumulates sparse rows (CSR) for addRows/passModel."""

    def __init__(self) -> None:
        self.lower: list[float] = []
        self.upper: list[float] = []
        self.starts: list[int] = []
        self.index: list[NDArray[np.int64]] = []
        self.value: list[NDArray[np.float64]] = []
        self._nnz = 0

    @property
    def nnz(self) -> int:
        """Non-zeros so far."""
        return self._nnz

    def add(self, lo: float, hi: float, idx: NDArray[np.int64], val: NDArray[np.float64]) -> int:
        """Add a row ``lo ≤ Σ val·x[idx] ≤ hi``; returns its index."""
        self.starts.append(self._nnz)
        self.lower.append(lo)
        self.upper.append(hi)
        self.index.append(idx)
        self.value.append(val)
        self._nnz += len(idx)
        return len(self.lower) - 1
