"""The Northshire demo: a fictional SEND partnership with a year of history ending today."""
