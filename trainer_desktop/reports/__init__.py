"""Printed documents (PDF) built on the core: programme, and later attendance sheets and reports."""
