# Intentionally empty: see ../rthooks.dat. NLTK is imported lazily by the recipe import.
