"""Key derivation, key slots, field encryption and signatures, built on `cryptography` primitives."""
