package dev.fieldgate.sdk.srp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The committed vectors computed by amazon-cognito-identity-js (see src/test/node/vectors.js). */
record SrpVectors(String generator, List<Vector> vectors, List<Timestamp> timestamps) {

    record Vector(
            String name,
            String userPoolId,
            String username,
            String password,
            String saltHex,
            String aHex,
            String bHex,
            String srpAHex,
            String verifierHex,
            String srpBHex,
            String kHex,
            String xHex,
            String uHex,
            String keyHex,
            String secretBlock,
            Instant time,
            String timestamp,
            String signature) {

        BigInteger a() {
            return new BigInteger(aHex, 16);
        }

        BigInteger b() {
            return new BigInteger(bHex, 16);
        }

        BigInteger salt() {
            return new BigInteger(saltHex, 16);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    record Timestamp(Instant time, String timestamp) {}

    static SrpVectors committed() {
        try (InputStream in = SrpVectors.class.getResourceAsStream("srp-vectors.json")) {
            return parse(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SrpVectors parse(JsonNode root) {
        List<Vector> vectors = new ArrayList<>();
        for (JsonNode v : root.get("vectors")) {
            vectors.add(new Vector(
                    text(v, "name"),
                    text(v, "userPoolId"),
                    text(v, "username"),
                    text(v, "password"),
                    text(v, "saltHex"),
                    text(v, "aHex"),
                    text(v, "bHex"),
                    text(v, "srpAHex"),
                    text(v, "verifierHex"),
                    text(v, "srpBHex"),
                    text(v, "kHex"),
                    text(v, "xHex"),
                    text(v, "uHex"),
                    text(v, "keyHex"),
                    text(v, "secretBlock"),
                    Instant.parse(text(v, "time")),
                    text(v, "timestamp"),
                    text(v, "signature")));
        }
        List<Timestamp> timestamps = new ArrayList<>();
        for (JsonNode t : root.get("timestamps")) {
            timestamps.add(new Timestamp(Instant.parse(text(t, "time")), text(t, "timestamp")));
        }
        return new SrpVectors(text(root, "generator"), vectors, timestamps);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalStateException("SRP vector field '" + field + "' is missing");
        }
        return value.asText();
    }
}
