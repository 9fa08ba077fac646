"""Keyed pseudonyms: AES-256-CMAC (RFC 4493) of "<column>:<identifier>": 128 bits,
stored as a UUID and written as 32 hex digits.

The column name goes into the message so a person and a request that share the raw
number 17 still get unrelated pseudonyms. CMAC is a keyed pseudorandom function like
HMAC, but built on AES, which the processor runs for a whole column in one call: a
million-request export holds four million identifiers, and HMAC-SHA256 one value at
a time took most of the import's time. The AES key is derived from the configured
key, so the configured key itself is never the cipher key.

`pseudonyms()` computes a column at once with numpy, as UUIDs; `pseudonym()` computes
one value's hex digits with the cryptography package's own CMAC, so each checks the
other.
"""

import hashlib
import hmac

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from cryptography.hazmat.primitives import cmac
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

METHOD = "AES-256-CMAC"
_BLOCK = 16
_SLICE = 1 << 16


class PseudonymKeyMissing(ValueError):
    pass


def pseudonym(*, key: str, column: str, value: str) -> str:
    mac = cmac.CMAC(algorithms.AES(_aes_key(key)))
    mac.update(f"{column}:{value}".encode())
    return mac.finalize().hex()


def pseudonyms(values: pa.Array | pa.ChunkedArray, *, key: str, column: str) -> pa.Array:
    """The pseudonym of every value (none may be null), in order, as a UUID array."""
    aes_key = _aes_key(key)
    messages = pc.binary_join_element_wise(pa.scalar(f"{column}:"), values, "")
    if isinstance(messages, pa.ChunkedArray):
        messages = messages.combine_chunks()
    messages = messages.cast(pa.large_binary())
    # In slices, so the byte-wise index arrays stay small whatever the column's size.
    tags = [
        cmac_all(aes_key, messages.slice(start, _SLICE))
        for start in range(0, len(messages), _SLICE)
    ]
    return _uuids(np.concatenate(tags) if tags else np.empty((0, _BLOCK), dtype=np.uint8))


def cmac_all(aes_key: bytes, messages: pa.Array) -> np.ndarray:
    """The RFC 4493 CMAC of each message (a large_binary array), one row of 16 bytes
    each; messages of the same number of blocks are encrypted together."""
    offsets = np.frombuffer(messages.buffers()[1], dtype=np.int64)[
        messages.offset : messages.offset + len(messages) + 1
    ]
    data = np.frombuffer(messages.buffers()[2], dtype=np.uint8)
    tags = np.empty((len(messages), _BLOCK), dtype=np.uint8)
    lengths = np.diff(offsets)
    blocks = np.maximum((lengths + _BLOCK - 1) // _BLOCK, 1)
    for count in np.unique(blocks):
        rows = np.flatnonzero(blocks == count)
        padded = _padded(data, offsets[rows], lengths[rows], width=int(count) * _BLOCK)
        tags[rows] = _cmac(aes_key, padded, complete=lengths[rows] == count * _BLOCK)
    return tags


def key_fingerprint(*, key: str) -> str:
    """Tells whether two snapshots were made with the same key, without revealing it."""
    _check(key)
    return hmac.new(key.encode(), b"sendboard:key-fingerprint", hashlib.sha256).hexdigest()[:12]


def _aes_key(key: str) -> bytes:
    _check(key)
    return hmac.new(key.encode(), b"sendboard:pseudonym-aes-key", hashlib.sha256).digest()


def _padded(data: np.ndarray, starts: np.ndarray, lengths: np.ndarray, *, width: int) -> np.ndarray:
    """Each message in a row of `width` bytes, an incomplete last block padded 10*."""
    out = np.zeros((len(starts), width), dtype=np.uint8)
    if _contiguous(starts, lengths):
        # Every message of one length, one after another: no gather needed.
        length = int(lengths[0])
        out[:, :length] = data[starts[0] : starts[0] + len(starts) * length].reshape(-1, length)
        if length < width:
            out[:, length] = 0x80
        return out
    # Identifiers mostly share a length or a few, so each length is one gather.
    for length in np.unique(lengths):
        rows = np.flatnonzero(lengths == length)
        out[rows, :length] = data[starts[rows, None] + np.arange(length)]
        if length < width:
            out[rows, length] = 0x80
    return out


def _contiguous(starts: np.ndarray, lengths: np.ndarray) -> bool:
    """Whether the messages are all of one length and follow each other in the data."""
    if not len(starts) or not lengths[0] or (lengths != lengths[0]).any():
        return False
    return int(starts[-1] - starts[0]) == (len(starts) - 1) * int(lengths[0])


def _cmac(aes_key: bytes, padded: np.ndarray, *, complete: np.ndarray) -> np.ndarray:
    """RFC 4493 over rows of whole blocks: CBC-MAC with the last block masked by the
    subkey K1 (a complete last block) or K2 (a padded one)."""
    encrypt = Cipher(algorithms.AES(aes_key), modes.ECB()).encryptor()
    k1 = _double(np.frombuffer(encrypt.update(bytes(_BLOCK)), dtype=np.uint8))
    k2 = _double(k1)
    blocks = padded.reshape(len(padded), -1, _BLOCK)
    blocks[:, -1] ^= np.where(complete[:, None], k1, k2).astype(np.uint8)
    state = np.zeros((len(padded), _BLOCK), dtype=np.uint8)
    for index in range(blocks.shape[1]):
        mixed = np.ascontiguousarray(state ^ blocks[:, index])
        state = np.frombuffer(encrypt.update(mixed.tobytes()), dtype=np.uint8).reshape(-1, _BLOCK)
    return state


def _double(block: np.ndarray) -> np.ndarray:
    """Multiplication by x in GF(2^128), as RFC 4493 derives its subkeys."""
    value = int.from_bytes(block.tobytes(), "big") << 1
    if value >> 128:
        value = (value ^ 0x87) & ((1 << 128) - 1)
    return np.frombuffer(value.to_bytes(_BLOCK, "big"), dtype=np.uint8)


def _uuids(tags: np.ndarray) -> pa.Array:
    storage = pa.FixedSizeBinaryArray.from_buffers(
        pa.binary(_BLOCK), len(tags), [None, pa.py_buffer(tags.tobytes())]
    )
    return pa.ExtensionArray.from_storage(pa.uuid(), storage)


def _check(key: str) -> None:
    if not key:
        raise PseudonymKeyMissing(
            "no pseudonym key: set CASEWORK_PSEUDONYM_KEY before importing case data"
        )
