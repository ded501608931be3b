"""Demo data for the Kesu demo organisation."""
