package dev.fieldgate.resolvers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fieldgate.policy.Manifest;
import dev.fieldgate.policy.ManifestException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The runtime's own manifest reader gives exactly what the policy module's reader gives. */
class ManifestReaderTest {

    private static Manifest fast(Manifest manifest) {
        return AppSyncResolver.readManifest(
                new ByteArrayInputStream(manifest.toJson().getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsEveryPartAsThePolicyModuleDoes() {
        for (Manifest manifest : new Manifest[] {Fixtures.pins(), Fixtures.notes()}) {
            Manifest viaDataBinding =
                    Manifest.read(new ByteArrayInputStream(manifest.toJson().getBytes(StandardCharsets.UTF_8)));

            assertThat(fast(manifest)).isEqualTo(viaDataBinding).isEqualTo(manifest);
        }
    }

    @Test
    void refusesWhatThePolicyModuleRefuses() {
        String json = Fixtures.pins().toJson();
        for (String broken : new String[] {
            json.replace("\"formatVersion\" : 1", "\"formatVersion\" : 2"),
            json.replace("\"tables\" :", "\"tablez\" :"),
            "[]",
            "{ not json",
            json.replace("\"allow\" : \"guest\"", "\"allow\" : \"everyone\"")
        }) {
            assertThatThrownBy(() -> AppSyncResolver.readManifest(
                            new ByteArrayInputStream(broken.getBytes(StandardCharsets.UTF_8))))
                    .isInstanceOf(ManifestException.class);
        }
    }
}
