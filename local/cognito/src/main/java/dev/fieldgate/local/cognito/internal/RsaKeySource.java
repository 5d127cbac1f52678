package dev.fieldgate.local.cognito.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * RSA-2048 signing keys for a first start. Finding RSA primes is the slowest part of starting a fresh stack (three
 * keys: the user pool's ID and access token keys and the identity pool's OpenID key), so the keys are generated in
 * parallel, in the background: the stack listens at once, and the first request that needs a key waits for it.
 * Each key is written to the state as soon as it exists, whether used yet or not, so a restart reads its keys from
 * the state and generates none.
 */
public final class RsaKeySource implements AutoCloseable {

    private final Deque<CompletableFuture<RSAKey>> prefetched = new ArrayDeque<>();
    private ExecutorService executor;

    /** @param prefetch how many keys to start generating now */
    public RsaKeySource(int prefetch) {
        for (int i = 0; i < prefetch; i++) {
            prefetched.add(CompletableFuture.supplyAsync(RsaKeySource::generate, executor()));
        }
    }

    private synchronized ExecutorService executor() {
        if (executor == null) {
            // No more threads than cores: the keys a first sign-in waits for (the user pool's, asked for first)
            // are not slowed by the identity pool's, which only the classic flow needs.
            int threads = Math.max(1, Math.min(3, Runtime.getRuntime().availableProcessors()));
            executor = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "fieldgate-rsa-keygen");
                t.setDaemon(true);
                return t;
            });
        }
        return executor;
    }

    /**
     * A key for {@code algorithm}, generated in the background; its kid is {@code keyId}, or Cognito's format
     * (base64 of the key's SHA-256 thumbprint).
     */
    public synchronized CompletableFuture<RSAKey> future(JWSAlgorithm algorithm, String keyId) {
        CompletableFuture<RSAKey> next = prefetched.poll();
        if (next == null) {
            next = CompletableFuture.supplyAsync(RsaKeySource::generate, executor());
        }
        return next.thenApply(raw -> withIdentity(raw, algorithm, keyId));
    }

    private static RSAKey withIdentity(RSAKey raw, JWSAlgorithm algorithm, String keyId) {
        try {
            String kid = keyId != null
                    ? keyId
                    : Base64.getEncoder().encodeToString(raw.computeThumbprint().decode());
            return new RSAKey.Builder(raw)
                    .algorithm(algorithm)
                    .keyUse(KeyUse.SIGNATURE)
                    .keyID(kid)
                    .build();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot compute a key thumbprint", e);
        }
    }

    /** A key generated now, on the calling thread (for a key only an occasional operation needs). */
    public static RSAKey generateNow(JWSAlgorithm algorithm, String keyId) {
        return withIdentity(generate(), algorithm, keyId);
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("RSA key generation failed", e);
        }
    }

    /** Lets keys already being generated finish, then releases the threads. */
    @Override
    public synchronized void close() {
        if (executor != null) {
            executor.shutdown();
        }
    }
}
