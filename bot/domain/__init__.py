"""Pure rules of Khitomer: standard library only, no Discord, no I/O.

A test scans this package's imports and fails if anything else shows up.
"""
