package dev.cognate.userpool.password;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id in pure Java (Bouncy Castle): no native library needed, about 1.5–2× the CPU of {@link NativeArgon2} per
 * hash and 19 MiB of garbage per call at the default cost (see benchmarks/README.md, "Sign-in (issue 16)"). Chosen
 * only explicitly ({@code cognate.passwords.argon2-implementation=java}).
 */
public final class JavaArgon2 implements Argon2Engine {

    @Override
    public byte[] argon2id(byte[] password, byte[] salt, int memoryKiB, int iterations, int parallelism, int length) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt)
                .withMemoryAsKB(memoryKiB)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .build());
        byte[] out = new byte[length];
        generator.generateBytes(password, out);
        return out;
    }

    @Override
    public String description() {
        return "Bouncy Castle (Java)";
    }
}
