//! Unit tests of the derive as a function over tokens.
