package dev.fieldgate.local.cognito.internal.userpool;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.RSAKey;
import dev.fieldgate.local.cognito.internal.RsaKeySource;
import dev.fieldgate.local.core.LocalStateException;
import dev.fieldgate.local.core.internal.state.StateJson;
import dev.fieldgate.local.core.internal.state.StateStore;
import java.text.ParseException;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The pool's two signing keys, in {@code signing-keys.json}: read back on restart, or generated on first start and
 * written before anything is signed with them, so no token outlives its key.
 */
final class SigningKeys {

    private SigningKeys() {}

    /** A token service with the pool's keys; {@code base} is the pool's folder in the state. */
    static TokenService open(
            StateStore store, String base, RsaKeySource keySource, Supplier<String> issuer, Clock clock) {
        KeysDoc keys =
                StateJson.read(store, base + "signing-keys.json", KeysDoc.class).orElse(null);
        CompletableFuture<RSAKey> idKey;
        CompletableFuture<RSAKey> accessKey;
        Consumer<TokenService.Keys> onFirstUse;
        if (keys == null) {
            // New keys are still being generated; they are written before anything is signed with them.
            idKey = keySource.future(JWSAlgorithm.RS256, null);
            accessKey = keySource.future(JWSAlgorithm.RS256, null);
            onFirstUse = ready -> {
                KeysDoc doc = new KeysDoc();
                doc.idTokenKey = ready.idKey().toJSONString();
                doc.accessTokenKey = ready.accessKey().toJSONString();
                StateJson.write(store, base + "signing-keys.json", doc);
            };
        } else {
            try {
                idKey = CompletableFuture.completedFuture(RSAKey.parse(keys.idTokenKey));
                accessKey = CompletableFuture.completedFuture(RSAKey.parse(keys.accessTokenKey));
            } catch (ParseException e) {
                throw new LocalStateException("The signing keys in " + base + "signing-keys.json are unreadable.", e);
            }
            onFirstUse = ready -> {};
        }
        return new TokenService(idKey, accessKey, onFirstUse, issuer, clock);
    }

    private static final class KeysDoc {
        String idTokenKey;
        String accessTokenKey;
    }
}
