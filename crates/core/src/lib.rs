//! Formwork's engine. See ARCHITECTURE.md for the map.
