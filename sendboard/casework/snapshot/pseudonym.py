"""Keyed-hash pseudonyms: HMAC-SHA256 of "<column>:<identifier>", truncated.

The column name goes into the message so a person and a request that share the raw
number 17 still get unrelated pseudonyms. 128 bits of the HMAC are kept: no collision
is plausible at any caseload, and shorter keys make the engine's joins cheaper.

DuckDB has SHA-256 but no HMAC, so the HMAC is built from its definition (RFC 2104)
as a SQL macro; `pseudonym()` is the same thing in Python, for checks and tests.
"""

import hashlib
import hmac

import duckdb

HEX_LENGTH = 32
_BLOCK = 64  # SHA-256 block size in bytes


class PseudonymKeyMissing(ValueError):
    pass


def pseudonym(*, key: str, column: str, value: str) -> str:
    _check(key)
    message = f"{column}:{value}".encode()
    return hmac.new(key.encode(), message, hashlib.sha256).hexdigest()[:HEX_LENGTH]


def key_fingerprint(*, key: str) -> str:
    """Tells whether two snapshots were made with the same key, without revealing it."""
    _check(key)
    return hmac.new(key.encode(), b"sendboard:key-fingerprint", hashlib.sha256).hexdigest()[:12]


def register_pseudonym_macro(con: duckdb.DuckDBPyConnection, *, key: str) -> None:
    """Define ``pseudonym(column, value)`` in SQL, equal to `pseudonym()` above."""
    _check(key)
    block = key.encode()
    if len(block) > _BLOCK:
        block = hashlib.sha256(block).digest()
    block = block.ljust(_BLOCK, b"\0")
    inner = bytes(byte ^ 0x36 for byte in block).hex()
    outer = bytes(byte ^ 0x5C for byte in block).hex()
    con.execute(
        f"""
        CREATE OR REPLACE MACRO pseudonym(col, val) AS left(sha256(
            unhex('{outer}') || unhex(sha256(unhex('{inner}') || encode(col || ':' || val)))
        ), {HEX_LENGTH})
        """
    )


def _check(key: str) -> None:
    if not key:
        raise PseudonymKeyMissing(
            "no pseudonym key: set CASEWORK_PSEUDONYM_KEY before importing case data"
        )
