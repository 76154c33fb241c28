-- Since V8 landed, code_hash also binds the user, the purpose and the address the code went to, so a code sent to an
-- old email or phone number does not verify a new one (crypto/VerificationCodeHasher). No column changes; this records the
-- new meaning where an operator reading the schema sees it. (V8's header comment was edited after it landed, which
-- broke Flyway's checksum on databases that had run it: V8 is back to its landed text and the change lives here.)
COMMENT ON COLUMN verification_codes.code_hash IS
    'HMAC-SHA256 under a key derived from the master key, over a random per-row salt, the user, the purpose, the '
    'address the code went to and the code: a copy of this table does not give the codes away even by trying all '
    '10^6 of them, and a code sent to an old address does not verify a new one.';
