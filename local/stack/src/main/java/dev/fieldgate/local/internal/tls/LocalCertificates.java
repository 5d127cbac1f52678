package dev.fieldgate.local.internal.tls;

import dev.fieldgate.local.core.LocalStateException;
import dev.fieldgate.local.core.internal.http.LocalHttpServer;
import dev.fieldgate.local.core.internal.state.StateStore;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * The local certificate authority of a state directory and the server certificate it signs at each start, so the
 * stack's port can speak TLS to clients that insist on {@code https}/{@code wss} (browsers, Amplify).
 *
 * <p>The CA is made once per state directory and kept there ({@code tls/ca.pem}, and its key in
 * {@code tls/ca-key.pem}, readable by the owner only); trust its certificate once (browser, {@code
 * NODE_EXTRA_CA_CERTS}, a JVM trust store) and every later start is trusted. Its name constraints confine it to
 * {@code localhost} and the loopback addresses, so even a leaked key cannot vouch for any other site. An in-memory
 * stack makes a CA of its own at each start.
 */
public final class LocalCertificates {

    /** The CA's certificate in the state, PEM. */
    public static final String CA_CERTIFICATE = "tls/ca.pem";

    private static final String CA_KEY = "tls/ca-key.pem";
    private static final String SIGNATURE = "SHA256withECDSA";
    private static final Duration CA_VALIDITY = Duration.ofDays(3650);
    // Renewed at every start; short enough that a stale copy stops working soon.
    private static final Duration SERVER_VALIDITY = Duration.ofDays(30);
    private static final Duration BACKDATE = Duration.ofHours(1);

    private final X509Certificate ca;
    private final PrivateKey caKey;
    private final SecureRandom random;

    private LocalCertificates(X509Certificate ca, PrivateKey caKey, SecureRandom random) {
        this.ca = ca;
        this.caKey = caKey;
        this.random = random;
    }

    /** Reads the state's CA, or makes one (and keeps it when the store persists). */
    public static LocalCertificates open(StateStore store, SecureRandom random) {
        Optional<byte[]> certificate = store.read(CA_CERTIFICATE);
        Optional<byte[]> key = store.read(CA_KEY);
        try {
            if (certificate.isPresent() && key.isPresent()) {
                return new LocalCertificates(
                        parseCertificate(new String(certificate.get(), StandardCharsets.UTF_8)),
                        parseKey(new String(key.get(), StandardCharsets.UTF_8)),
                        random);
            }
            KeyPair pair = newKeyPair(random);
            X509Certificate ca = newCa(pair, random);
            store.write(
                    CA_KEY, pem(new PemObject("PRIVATE KEY", pair.getPrivate().getEncoded())));
            store.write(CA_CERTIFICATE, pem(ca));
            return new LocalCertificates(ca, pair.getPrivate(), random);
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new LocalStateException(
                    "The local CA in " + CA_CERTIFICATE + " cannot be read or made (" + e.getMessage()
                            + "); remove the state's tls folder to make a new one.",
                    e);
        }
    }

    /** The CA's certificate, PEM: what a client trusts. */
    public String caCertificatePem() {
        return new String(pem(ca), StandardCharsets.UTF_8);
    }

    public X509Certificate caCertificate() {
        return ca;
    }

    /** A fresh server key and certificate for {@code localhost}, 127.0.0.1 and ::1, signed by the CA. */
    public LocalHttpServer.Tls serverTls() {
        return serverTls(List.of());
    }

    /**
     * A fresh server certificate that also names some hosts under {@code localhost} (S3's virtual-hosted buckets,
     * {@code <bucket>.localhost}), each by its own name: clients refuse a wildcard this close to the top.
     */
    public LocalHttpServer.Tls serverTls(List<String> localhostNames) {
        List<GeneralName> names = new java.util.ArrayList<>(List.of(
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.iPAddress, "::1")));
        for (String name : localhostNames) {
            if (!name.endsWith(".localhost")) {
                throw new IllegalArgumentException(name + " is not a name under localhost");
            }
            names.add(new GeneralName(GeneralName.dNSName, name));
        }
        try {
            KeyPair pair = newKeyPair(random);
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    ca,
                    serial(random),
                    Date.from(now.minus(BACKDATE)),
                    Date.from(now.plus(SERVER_VALIDITY)),
                    new X500Name("CN=localhost"),
                    pair.getPublic());
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(
                    Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            builder.addExtension(
                    Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(new GeneralName[0])));
            builder.addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(ca));
            builder.addExtension(
                    Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(pair.getPublic()));
            X509Certificate server = sign(builder);
            String password = hex(random, 16);
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(null, null);
            keyStore.setKeyEntry("server", pair.getPrivate(), password.toCharArray(), new Certificate[] {server, ca});
            return new LocalHttpServer.Tls(keyStore, password);
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new LocalStateException("The local server certificate cannot be made: " + e.getMessage(), e);
        }
    }

    private static X509Certificate newCa(KeyPair pair, SecureRandom random)
            throws GeneralSecurityException, IOException, OperatorCreationException {
        Instant now = Instant.now();
        X500Name name = new X500Name("CN=Fieldgate local CA " + hex(random, 4) + ",O=Fieldgate local stack");
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                name,
                serial(random),
                Date.from(now.minus(BACKDATE)),
                Date.from(now.plus(CA_VALIDITY)),
                name,
                pair.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        builder.addExtension(
                Extension.subjectKeyIdentifier,
                false,
                new JcaX509ExtensionUtils().createSubjectKeyIdentifier(pair.getPublic()));
        builder.addExtension(Extension.nameConstraints, true, loopbackOnly());
        return sign(builder, pair.getPrivate());
    }

    /** Names this CA may vouch for: localhost, 127.0.0.0/8 and ::1. */
    private static NameConstraints loopbackOnly() {
        // Address, then mask: 127.0.0.0/8 and ::1/128.
        byte[] v4 = {127, 0, 0, 0, (byte) 0xff, 0, 0, 0};
        byte[] v6 = new byte[32];
        v6[15] = 1;
        java.util.Arrays.fill(v6, 16, 32, (byte) 0xff);
        GeneralSubtree[] permitted = {
            new GeneralSubtree(new GeneralName(GeneralName.dNSName, "localhost")),
            new GeneralSubtree(new GeneralName(GeneralName.iPAddress, new DEROctetString(v4))),
            new GeneralSubtree(new GeneralName(GeneralName.iPAddress, new DEROctetString(v6)))
        };
        return new NameConstraints(permitted, null);
    }

    private X509Certificate sign(X509v3CertificateBuilder builder)
            throws GeneralSecurityException, OperatorCreationException {
        return sign(builder, caKey);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
            throws GeneralSecurityException, OperatorCreationException {
        X509CertificateHolder holder = builder.build(new JcaContentSignerBuilder(SIGNATURE).build(key));
        return new JcaX509CertificateConverter().getCertificate(holder);
    }

    private static KeyPair newKeyPair(SecureRandom random) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), random);
        return generator.generateKeyPair();
    }

    private static String hex(SecureRandom random, int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }

    private static BigInteger serial(SecureRandom random) {
        return new BigInteger(127, random).add(BigInteger.ONE);
    }

    private static byte[] pem(Object object) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new IllegalStateException("writing PEM to a string cannot fail", e);
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static X509Certificate parseCertificate(String text) throws IOException, GeneralSecurityException {
        try (PEMParser parser = new PEMParser(new StringReader(text))) {
            if (parser.readObject() instanceof X509CertificateHolder holder) {
                return new JcaX509CertificateConverter().getCertificate(holder);
            }
            throw new IOException("not a PEM certificate");
        }
    }

    private static PrivateKey parseKey(String text) throws IOException, GeneralSecurityException {
        try (org.bouncycastle.util.io.pem.PemReader reader =
                new org.bouncycastle.util.io.pem.PemReader(new StringReader(text))) {
            PemObject object = reader.readPemObject();
            if (object == null || !"PRIVATE KEY".equals(object.getType())) {
                throw new IOException("not a PEM private key");
            }
            return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(object.getContent()));
        }
    }
}
