"""Pure-Python domain: foods, nutrients, restrictions, planner model, advice, shopping."""
