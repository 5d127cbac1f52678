package dev.fieldgate.resolvers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.fieldgate.policy.AccessPolicy;
import dev.fieldgate.policy.Manifest;
import dev.fieldgate.resolvers.internal.Dispatcher;
import dev.fieldgate.resolvers.internal.Outcome;
import dev.fieldgate.resolvers.internal.Priming;
import dev.fieldgate.resolvers.internal.RoutingTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An AppSync Direct Lambda resolver function: it reads AppSync's event (one field, or a BatchInvoke of them),
 * authorizes every field against the Fieldgate policy before its handler runs, routes it to the handler registered
 * for its {@code Type.field}, and answers with the envelope of {@code docs/resolver-contract.md}.
 *
 * <pre>{@code
 * AppSyncResolver resolver = AppSyncResolver.builder()
 *     .manifestFromClasspath()    // the manifest the Maven plugin packed, read without data binding
 *     .include(pinsRouter)
 *     .build();
 * byte[] response = resolver.handle(eventBytes, lambdaContext);
 * }</pre>
 *
 * <p>Immutable and thread-safe: build one at start-up (outside the handler method) and share it. It is also a
 * {@link RequestStreamHandler}, so a plain Lambda handler can delegate to it; with Spring Cloud Function, use the
 * {@code fieldgate-resolvers-spring} binding.
 *
 * <p>Fields the manifest lists as {@code field-rule} resolvers (a field with read rules of its own, such as an
 * owner-only contact address) need no handler: the runtime answers them itself, from the parent record, after the
 * policy allowed the caller to read them.
 */
public final class AppSyncResolver implements RequestStreamHandler {

    /** Where the Fieldgate Maven plugin puts the manifest in the function's artifact. */
    public static final String MANIFEST_RESOURCE = "fieldgate/manifest.json";

    private static final Logger LOG = LoggerFactory.getLogger(AppSyncResolver.class);
    private static final ObjectMapper MANIFEST_MAPPER = new ObjectMapper();

    private final Manifest manifest;
    private final AccessPolicy policy;
    private final ObjectMapper mapper;
    private final Dispatcher dispatcher;
    private final Set<String> unhandled;

    private AppSyncResolver(Builder builder) {
        this.manifest = builder.manifest;
        this.policy = AccessPolicy.of(manifest);
        this.mapper = builder.mapper != null ? builder.mapper.copy() : defaultObjectMapper();
        // The runtime writes envelopes item by item into one buffer; flushing after each value only costs time.
        this.mapper.disable(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);

        List<RoutingTable.Registrations> registrations = new ArrayList<>(builder.routers.size());
        for (Router router : builder.routers) {
            registrations.add(new RoutingTable.Registrations(router.routes(), router.exceptionHandlers()));
        }
        RoutingTable table = RoutingTable.build(manifest, policy, mapper, registrations);
        this.unhandled = table.unhandled();
        if (!unhandled.isEmpty()) {
            LOG.warn("No handler for {}: AppSync calls for them will get {}", unhandled, ErrorTypes.RESOLVER_NOT_FOUND);
        }
        this.dispatcher = new Dispatcher(mapper, table);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads the manifest the Fieldgate Maven plugin packed into the artifact ({@value #MANIFEST_RESOURCE}), the
     * way the runtime reads events: without Jackson's data binding, which would cost a cold start a tenth of a
     * second or more. Same result as {@code Manifest.fromClasspath}.
     *
     * @throws dev.fieldgate.policy.ManifestException when it is missing or not a manifest this version reads
     */
    public static Manifest manifestFromClasspath() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        java.io.InputStream in = loader == null ? null : loader.getResourceAsStream(MANIFEST_RESOURCE);
        if (in == null) {
            in = AppSyncResolver.class.getClassLoader().getResourceAsStream(MANIFEST_RESOURCE);
        }
        if (in == null) {
            throw new dev.fieldgate.policy.ManifestException("no manifest at class-path resource '" + MANIFEST_RESOURCE
                    + "'; add the fieldgate-maven-plugin's generate goal to the build");
        }
        return readManifest(in);
    }

    /** Reads a manifest (see {@link #manifestFromClasspath()}); closes the stream. */
    public static Manifest readManifest(java.io.InputStream json) {
        try (java.io.InputStream in = json) {
            return dev.fieldgate.resolvers.internal.ManifestReader.read(in, MANIFEST_MAPPER);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("could not read the manifest", e);
        }
    }

    /**
     * The mapper the runtime uses unless told otherwise: java.time support with ISO-8601 text, no coercion of
     * scalars (an {@code Int} argument sent as a string or a fraction is a validation error), unknown properties ignored (a
     * schema may grow before its function does), duplicate keys in events refused.
     */
    public static ObjectMapper defaultObjectMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
    }

    /**
     * Handles one invocation: the event's bytes in, the response's bytes out. Never throws for a bad event or a
     * failing handler; each becomes an AppSync-shaped error for its field or item.
     *
     * @param context the Lambda context, or {@code null} outside Lambda
     */
    public byte[] handle(byte[] event, Context context) {
        try {
            return dispatcher.handle(event, context);
        } catch (RuntimeException | StackOverflowError unexpected) {
            String requestId = context != null && context.getAwsRequestId() != null
                    ? context.getAwsRequestId()
                    : java.util.UUID.randomUUID().toString();
            // Last resort: the dispatcher answers its own failures; this only runs if answering failed too.
            LOG.error("The invocation failed (request {})", requestId, unexpected);
            return ("{\"data\":null,\"errorType\":\"" + ErrorTypes.INTERNAL + "\",\"errorMessage\":\"An internal "
                            + "error occurred; quote request id " + requestId + " when reporting it\",\"errorInfo\":"
                            + "{\"requestId\":\"" + requestId + "\"}}")
                    .getBytes(StandardCharsets.UTF_8);
        }
    }

    /** Lambda's stream handler: reads the whole event, writes the whole response. */
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        output.write(handle(input.readAllBytes(), context));
        output.flush();
    }

    /** Resolves one event without JSON on the way in (e.g. in a unit test). */
    public ResolverResult resolve(AppSyncEvent event) {
        return resolve(event, null);
    }

    public ResolverResult resolve(AppSyncEvent event, Context context) {
        return result(dispatcher.resolve(Objects.requireNonNull(event, "event"), context));
    }

    /** Resolves a BatchInvoke; the results are in the events' order. */
    public List<ResolverResult> resolveBatch(List<AppSyncEvent> events, Context context) {
        List<ResolverResult> results = new ArrayList<>(events.size());
        for (Outcome outcome : dispatcher.resolveBatch(List.copyOf(events), context)) {
            results.add(result(outcome));
        }
        return List.copyOf(results);
    }

    private ResolverResult result(Outcome outcome) {
        if (outcome.failed()) {
            return new ResolverResult(null, outcome.error(), mapper);
        }
        return new ResolverResult(
                outcome.data() == null ? null : mapper.convertValue(outcome.data(), Object.class), null, mapper);
    }

    /**
     * Runs the runtime's own path — parsing, identity, policy, envelope writing — for every resolver field, with
     * a synthetic caller of each auth kind, single and as a BatchInvoke, and without calling any handler (so no store
     * is touched). Call it before a SnapStart snapshot, or at start-up, so that the first real request finds those
     * classes loaded and initialized. It makes no random ids and reads no clock: a snapshot would share them.
     */
    public void prime() {
        Priming.run(manifest, dispatcher.dryRun(), AppSyncEventWriter.create(mapper));
    }

    /** The manifest this resolver enforces. */
    public Manifest manifest() {
        return manifest;
    }

    /** The access policy compiled from the manifest. */
    public AccessPolicy policy() {
        return policy;
    }

    /** Resolver fields of the manifest that have no handler (and are not answered by the runtime itself). */
    public Set<String> unhandledResolvers() {
        return unhandled;
    }

    /** Builds an {@link AppSyncResolver}. */
    public static final class Builder {

        private Manifest manifest;
        private ObjectMapper mapper;
        private final List<Router> routers = new ArrayList<>();

        private Builder() {}

        /** The manifest to enforce (its policy, resolvers and batch sizes). Required. */
        public Builder manifest(Manifest manifest) {
            this.manifest = manifest;
            return this;
        }

        /** Reads the manifest the Fieldgate Maven plugin packed into the artifact ({@value #MANIFEST_RESOURCE}). */
        public Builder manifestFromClasspath() {
            return manifest(AppSyncResolver.manifestFromClasspath());
        }

        /** Adds a router's handlers and exception handlers. */
        public Builder include(Router router) {
            routers.add(Objects.requireNonNull(router, "router"));
            return this;
        }

        /** The Jackson mapper for arguments and results (the runtime uses a copy). */
        public Builder objectMapper(ObjectMapper mapper) {
            this.mapper = mapper;
            return this;
        }

        public AppSyncResolver build() {
            if (manifest == null) {
                throw new ResolverConfigurationException("No manifest: call manifest(...) or manifestFromClasspath() "
                        + "(the Fieldgate Maven plugin packs it into the artifact)");
            }
            return new AppSyncResolver(this);
        }
    }
}
