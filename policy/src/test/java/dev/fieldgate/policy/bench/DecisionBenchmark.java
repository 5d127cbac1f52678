package dev.fieldgate.policy.bench;

import dev.fieldgate.policy.AccessPolicy;
import dev.fieldgate.policy.Decision;
import dev.fieldgate.policy.FieldPolicy;
import dev.fieldgate.policy.Operation;
import dev.fieldgate.policy.Principal;
import dev.fieldgate.policy.SchemaCompiler;
import java.nio.file.Path;
import java.util.List;
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
 * The cost of one authorization decision on the pins sample's policy: by name, through a kept field handle, and
 * the slowest common case (an owner rule that is checked against the record after static rules fail).
 *
 * <p>Run: {@code ./fieldgate bench policy}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DecisionBenchmark {

    private AccessPolicy policy;
    private FieldPolicy deletePin;
    private Principal guest;
    private Principal bob;
    private Principal alice;
    private Map<String, Object> alicesPin;

    @Setup
    public void setUp() {
        Path schema = Path.of(System.getProperty("fieldgate.schema", "samples/pins/schema.graphql"));
        policy = SchemaCompiler.create().compile(schema).policy();
        deletePin = policy.field("Mutation", "deletePin").orElseThrow();
        guest = Principal.iamGuest("us-east-1:0b7e1c36-guest");
        alice = Principal.userPool("sub-alice", "alice", List.of());
        bob = Principal.userPool("sub-bob", "bob", List.of("Viewers"));
        alicesPin = Map.of("id", "p-1", "owner", "sub-alice", "title", "A pin");
    }

    @Benchmark
    public Decision guestReadsAFieldByName() {
        return policy.decide(guest, "Pin", "title", Operation.READ, null);
    }

    @Benchmark
    public Decision ownerDeletesThroughAHandle() {
        return deletePin.decide(alice, Operation.DELETE, alicesPin);
    }

    @Benchmark
    public Decision nonOwnerDeniedByName() {
        return policy.decide(bob, "Mutation", "deletePin", Operation.DELETE, alicesPin);
    }

    @Benchmark
    public Decision ownerContactReadByName() {
        return policy.decide(alice, "Pin", "ownerContact", Operation.READ, alicesPin);
    }
}
