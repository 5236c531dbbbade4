"""The lower bound every plan is compared with: the linear relaxation of the week program."""

from __future__ import annotations

import highspy
import numpy as np

from k2planner.domain.planner.highs import new_highs
from k2planner.domain.planner.model import Model


def relaxation_bound(model: Model, *, max_total_shortfall: float | None = None) -> float:
    """The optimum of the linear relaxation: a lower bound on every plan's objective."""
    h = new_highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("threads", 1)
    # presolve costs more than it saves on these easy relaxations: 1.7 s → 0.3 s for 1,560
    # meals × 28 days, 31 → 6 ms for a week (same optimum; benchmarks/bench_planner_scenarios)
    h.setOptionValue("presolve", "off")
    lp = model.lp
    relaxed = highspy.HighsLp()
    relaxed.num_col_, relaxed.num_row_ = lp.num_col_, lp.num_row_
    relaxed.col_cost_, relaxed.col_lower_, relaxed.col_upper_ = (
        lp.col_cost_,
        lp.col_lower_,
        lp.col_upper_,
    )
    relaxed.row_lower_, relaxed.row_upper_ = lp.row_lower_, lp.row_upper_
    relaxed.a_matrix_ = lp.a_matrix_
    h.passModel(relaxed)
    if max_total_shortfall is not None and model.shortfall_cols:
        idx = np.asarray(model.shortfall_cols, dtype=np.int32)
        h.addRow(0.0, max_total_shortfall, len(idx), idx, np.ones(len(idx)))
    h.run()
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return float("-inf")
    return float(h.getInfo().objective_function_value)
