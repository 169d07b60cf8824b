"""Bundles: one file that carries records between laptops, signed, optionally encrypted."""
