// What the compatibility scripts share: a check prints one line ("ok   <label>"), and the first failed one ends the script
// with "FAIL <label>" and a non-zero exit (the Java test reads both); the authenticator app's side of TOTP; error names.
import crypto from 'node:crypto';

export function check(label, condition) {
  if (!condition) {
    console.log('FAIL ' + label);
    process.exit(1);
  }
  console.log('ok   ' + label);
}

function base32Decode(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of text) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

/**
 * RFC 6238 as authenticator apps compute it (HMAC-SHA-1, 30 s, 6 digits): the code of the step `stepOffset` steps from
 * now (the service accepts one step either side).
 */
export function totp(secret, stepOffset = 0) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 1000 / 30) + stepOffset));
  const hash = crypto.createHmac('sha1', base32Decode(secret)).update(counter).digest();
  const offset = hash[hash.length - 1] & 0xf;
  return String((hash.readUInt32BE(offset) & 0x7fffffff) % 1000000).padStart(6, '0');
}

/** The name of the error `promise` rejects with (an SDK's exception name), or null when it resolves. */
export async function errorName(promise) {
  try {
    await promise;
    return null;
  } catch (e) {
    return e.name;
  }
}
