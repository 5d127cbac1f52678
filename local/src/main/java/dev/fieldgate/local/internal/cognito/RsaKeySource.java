package dev.fieldgate.local.internal.cognito;

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
 * parallel while the rest of the stack is set up. A restart reads its keys from the state and generates none.
 */
public final class RsaKeySource implements AutoCloseable {

    private final Deque<CompletableFuture<RSAKey>> prefetched = new ArrayDeque<>();
    private final ExecutorService executor;

    /** @param prefetch how many keys to start generating now */
    public RsaKeySource(int prefetch) {
        this.executor = prefetch == 0 ? null : Executors.newFixedThreadPool(Math.min(prefetch, 3), r -> {
            Thread t = new Thread(r, "fieldgate-rsa-keygen");
            t.setDaemon(true);
            return t;
        });
        for (int i = 0; i < prefetch; i++) {
            prefetched.add(CompletableFuture.supplyAsync(RsaKeySource::generate, executor));
        }
    }

    /** A key for {@code algorithm}; its kid is {@code keyId}, or Cognito's format (base64 of its SHA-256 thumbprint). */
    public synchronized RSAKey take(JWSAlgorithm algorithm, String keyId) {
        CompletableFuture<RSAKey> next = prefetched.poll();
        RSAKey raw = next == null ? generate() : next.join();
        try {
            String kid = keyId != null ? keyId : Base64.getEncoder().encodeToString(raw.computeThumbprint().decode());
            return new RSAKey.Builder(raw).algorithm(algorithm).keyUse(KeyUse.SIGNATURE).keyID(kid).build();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot compute a key thumbprint", e);
        }
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("RSA key generation failed", e);
        }
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
