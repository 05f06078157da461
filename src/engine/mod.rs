//! The debugger proper: breakpoints, stepping, stop analysis. Returns structured data, never text.
