"""The ``trainer-desktop`` command line: the same core as the GUI, for coordinators and tests."""
