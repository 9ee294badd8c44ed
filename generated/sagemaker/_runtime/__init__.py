"""Standard-library runtime shared by generated clients: signing, transport, retries, errors.

These modules are copied verbatim into every generated package; do not edit the copies.
"""
