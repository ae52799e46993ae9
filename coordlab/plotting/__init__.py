"""Figures of model results, in one colour-blind-safe style.

A figure class here is built once and then updated in place
(``update(...)`` sets its artists' data), so a lab can redraw quickly. The
figure code receives model results; it never computes a model itself.
"""
