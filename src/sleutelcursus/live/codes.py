"""Join codes and secret tokens of a live session.

Join code: 8 characters from a 31-character alphabet without look-alikes (no 0/O,
1/I/L), shown as ``XXXX-XXXX``; typed codes are read in any case, with or without the
dash or spaces. Why that is enough:

- codes possible: 31**8 = 852,891,037,441 (about 2**39.6)
- wrong codes are rate-limited in memory (:mod:`sleutelcursus.live.app`): per client
  address 1 a second after a burst of 10, and for all addresses together 10 a second
  after a burst of 100, so a botnet gains nothing over one machine
- a session lives at most :data:`MAX_HOURS` = 72 hours: at most
  100 + 10 * 72 * 3600 = 2,592,100 wrong guesses in its lifetime
- chance that any guess hits one open session: 2,592,100 / 852,891,037,441 = 3.0e-6
  (1 in 329,000); for the default 12 hours 432,100 guesses: 5.1e-7 (1 in 2 million).
  With N sessions open at once, N times that.

The price of the shared limit: while someone floods the server with wrong codes, every
join attempt gets 429 with Retry-After until the flood stops (the shared bucket refills
10 a second, so a join succeeds again a moment later). Answers of joined trainees are not affected.

Trainer and participant tokens are ``secrets.token_urlsafe(32)`` (256 bits); only
their SHA-256 is stored, so a copied database holds no usable token.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LENGTH = 8
MAX_HOURS = 72
_SEPARATORS = re.compile(r"[\s\-_.]+")


def new_code() -> str:
    """A fresh random join code, normalised (no dash)."""
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise(typed: str) -> str | None:
    """The code as stored (upper case, no separators), or None when it cannot be one."""
    if not isinstance(typed, str) or len(typed) > 4 * LENGTH:
        return None
    code = _SEPARATORS.sub("", typed).upper()
    if len(code) != LENGTH or any(char not in ALPHABET for char in code):
        return None
    return code


def shown(code: str) -> str:
    """``ABCDEFGH`` -> ``ABCD-EFGH``: how a code is printed and spoken."""
    half = LENGTH // 2
    return f"{code[:half]}-{code[half:]}"


def new_token() -> str:
    """A secret token for a trainer or a participant (shown once, never stored)."""
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    """What the database keeps of a token: its SHA-256, hex."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def same_hash(token: str, stored_hash: str) -> bool:
    """Whether ``token`` belongs to ``stored_hash``, compared in constant time."""
    return hmac.compare_digest(token_hash(token), stored_hash)
