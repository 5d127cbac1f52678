package dev.fieldgate.resolvers.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fieldgate.policy.AccessPolicy;
import dev.fieldgate.policy.Manifest;
import dev.fieldgate.policy.Principal;
import dev.fieldgate.policy.SchemaCompiler;
import dev.fieldgate.resolvers.AppSyncEvent;
import dev.fieldgate.resolvers.AppSyncResolver;
import dev.fieldgate.resolvers.CognitoUserPoolIdentity;
import dev.fieldgate.resolvers.IamIdentity;
import dev.fieldgate.resolvers.internal.Authorization;
import dev.fieldgate.resolvers.internal.FieldAuthorizer;
import dev.fieldgate.testing.AppSyncEvents;
import dev.fieldgate.testing.Callers;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The runtime's authorization step on its own, per field: the caller's principal from the typed identity, then the
 * policy's decision with what only a resolver checks (owner stamp, client-sent owners, the condition of an
 * owner-only write, the record of a nested field).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
// The log level a deployed function runs at: the test resources turn the runtime's debug lines on, which would
// put a log write on every denial measured here.
@Fork(value = 1, jvmArgsAppend = "-Dorg.slf4j.simpleLogger.log.dev.fieldgate=info")
public class AuthorizationBenchmark {

    private FieldAuthorizer getPin;
    private FieldAuthorizer createPin;
    private FieldAuthorizer deletePin;
    private FieldAuthorizer ownerContact;
    private CognitoUserPoolIdentity aliceIdentity;
    private IamIdentity guestIdentity;
    private Principal alice;
    private Principal admin;
    private AppSyncEvent getEvent;
    private AppSyncEvent createEvent;
    private AppSyncEvent deleteEvent;
    private AppSyncEvent contactEvent;

    @Setup
    public void setUp() {
        Path schema = Path.of(System.getProperty("fieldgate.schema", "samples/pins/schema.graphql"));
        Manifest manifest = SchemaCompiler.create().compile(schema).manifest();
        AccessPolicy policy = AccessPolicy.of(manifest);
        ObjectMapper mapper = AppSyncResolver.defaultObjectMapper();
        getPin = new FieldAuthorizer(policy, "Query", "getPin", mapper);
        createPin = new FieldAuthorizer(policy, "Mutation", "createPin", mapper);
        deletePin = new FieldAuthorizer(policy, "Mutation", "deletePin", mapper);
        ownerContact = new FieldAuthorizer(policy, "Pin", "ownerContact", mapper);
        aliceIdentity = Callers.userPool("sub-alice").identity();
        guestIdentity = Callers.iamGuest().identity();
        alice = aliceIdentity.toPrincipal();
        admin = Callers.userPool("sub-admin").groups("Admins").identity().toPrincipal();
        getEvent = AppSyncEvents.query("getPin")
                .caller(Callers.of(aliceIdentity))
                .argument("id", "p-1")
                .build();
        createEvent = AppSyncEvents.mutation("createPin")
                .caller(Callers.of(aliceIdentity))
                .input(Map.of("title", "t", "imageUrl", "https://x.example/1.jpg", "ownerContact", "alice@example.com"))
                .build();
        deleteEvent = AppSyncEvents.mutation("deletePin")
                .caller(Callers.of(aliceIdentity))
                .argument("id", "p-1")
                .build();
        contactEvent = AppSyncEvents.field("Pin", "ownerContact")
                .caller(Callers.of(aliceIdentity))
                .source(Map.of("id", "p-1", "owner", "sub-alice", "ownerContact", "alice@example.com"))
                .build();
    }

    @Benchmark
    public Principal principalOfAUserPoolUser() {
        return aliceIdentity.toPrincipal();
    }

    @Benchmark
    public Principal principalOfAGuest() {
        return guestIdentity.toPrincipal();
    }

    @Benchmark
    public Authorization readAllowedByARule() {
        return getPin.authorize(alice, getEvent);
    }

    @Benchmark
    public Authorization createWithOwnerStampAndInputChecks() {
        return createPin.authorize(alice, createEvent);
    }

    @Benchmark
    public Authorization ownerOnlyDeleteWithItsCondition() {
        return deletePin.authorize(alice, deleteEvent);
    }

    @Benchmark
    public Authorization adminDeleteWithoutCondition() {
        return deletePin.authorize(admin, deleteEvent);
    }

    @Benchmark
    public Authorization ownerOnlyFieldCheckedAgainstItsRecord() {
        return ownerContact.authorize(alice, contactEvent);
    }
}
