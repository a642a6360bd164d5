"""Rule lexicons: calques, false friends, terminology, as data with examples."""
