"""String tables, one module per page plus the shared ones: ``{"key": (English, 简体中文)}``."""
