//! Rule tests: for each rule a template that breaks it and one that keeps it.
