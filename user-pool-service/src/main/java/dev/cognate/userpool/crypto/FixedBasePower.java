package dev.cognate.userpool.crypto;

import java.math.BigInteger;

/**
 * base^e mod m for one fixed base and exponents of up to {@value #MAX_EXPONENT_BITS} bits (SRP's {@code g^b} and
 * {@code g^x}: 256-bit exponents), by the fixed-base windowed method (Brickell–Gordon–McCurley–Wilson): the table holds
 * base^(j·2^(8i)) for every byte position i and byte value j, so a power is the product of one entry per non-zero byte of
 * the exponent — at most 31 modular multiplications and no squaring, where {@link BigInteger#modPow} does ~256 squarings
 * and ~50 multiplications. Products are reduced by Barrett's method (two multiplications and a shift instead of a
 * division: {@link BigInteger#mod} is the slow part of a multiply-and-reduce at 3,072 bits).
 *
 * <p>The table costs 32 × 255 numbers of the modulus' size (3 MiB for a 3,072-bit modulus) and ~8,000 multiplications to
 * build, once per process. Timing: which entries are multiplied depends on the exponent's bytes, and a zero byte is
 * skipped; {@code BigInteger.modPow} is no better (its window table is indexed by the exponent's bits and runs of zero
 * bits are only squared), and neither is constant-time. SRP's server exponent {@code b} is used for one sign-in only.
 */
final class FixedBasePower {

    static final int MAX_EXPONENT_BITS = 256;
    private static final int WINDOW_BITS = 8;
    private static final int ROWS = MAX_EXPONENT_BITS / WINDOW_BITS;

    private final BigInteger base;
    private final BigInteger modulus;
    private final int modulusBits;
    /** floor(4^k / m), k = the modulus' bit length: Barrett's constant. */
    private final BigInteger barrett;
    /** table[i][j] = base^(j · 2^(8i)) mod m; j = 0 unused. */
    private final BigInteger[][] table = new BigInteger[ROWS][1 << WINDOW_BITS];

    FixedBasePower(BigInteger base, BigInteger modulus) {
        this.base = base;
        this.modulus = modulus;
        this.modulusBits = modulus.bitLength();
        this.barrett = BigInteger.ONE.shiftLeft(2 * modulusBits).divide(modulus);
        BigInteger rowBase = base.mod(modulus);
        for (BigInteger[] row : table) {
            row[1] = rowBase;
            for (int j = 2; j < row.length; j++) {
                row[j] = multiply(row[j - 1], rowBase);
            }
            rowBase = multiply(row[row.length - 1], rowBase);
        }
    }

    /** base^exponent mod m, equal to {@code base.modPow(exponent, modulus)} for every exponent ≥ 0. */
    BigInteger pow(BigInteger exponent) {
        if (exponent.signum() < 0 || exponent.bitLength() > MAX_EXPONENT_BITS) {
            return base.modPow(exponent, modulus);
        }
        byte[] bytes = exponent.toByteArray(); // big-endian, maybe one leading 0 byte
        BigInteger result = null;
        for (int i = 0; i < ROWS && i < bytes.length; i++) {
            int digit = bytes[bytes.length - 1 - i] & 0xff;
            if (digit != 0) {
                result = result == null ? table[i][digit] : multiply(result, table[i][digit]);
            }
        }
        return result == null ? BigInteger.ONE.mod(modulus) : result;
    }

    /** x·y mod m for 0 ≤ x, y < m, by Barrett reduction (x·y < m² < 4^k). */
    private BigInteger multiply(BigInteger x, BigInteger y) {
        BigInteger product = x.multiply(y);
        BigInteger quotient = product.shiftRight(modulusBits - 1).multiply(barrett).shiftRight(modulusBits + 1);
        BigInteger remainder = product.subtract(quotient.multiply(modulus));
        while (remainder.compareTo(modulus) >= 0) { // at most twice
            remainder = remainder.subtract(modulus);
        }
        return remainder;
    }
}
