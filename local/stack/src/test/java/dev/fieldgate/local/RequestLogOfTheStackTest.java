package dev.fieldgate.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldgate.local.cognito.TestUsers;
import dev.fieldgate.local.core.RequestRecord;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The stack's request log as the terminal and the console read it: the GraphQL operation and its root fields, the
 * caller the endpoint verified (never a token), AppSync's error types, and the resolver function's own log lines
 * beside the request that produced them.
 */
class RequestLogOfTheStackTest {

    private static LocalStack stack;
    private static GraphQlClient client;
    private static TestUsers.User ann;

    @BeforeAll
    static void start() {
        stack = NotesStack.builder().start();
        client = new GraphQlClient(stack.graphqlEndpoint());
        ann = new TestUsers(stack.cognito()).create("ann@example.com");
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    /**
     * Makes a call and answers the record of the next request of a service. A record is written when its answer is
     * complete, which may be just after the client has read it: this waits for it (at most 10 s) instead of looking.
     */
    private static RequestRecord next(String service, Runnable call) throws Exception {
        CompletableFuture<RequestRecord> recorded = new CompletableFuture<>();
        stack.requestLog().onRecord(record -> {
            if (record.service().equals(service)) {
                recorded.complete(record);
            }
        });
        call.run();
        return recorded.get(10, TimeUnit.SECONDS);
    }

    @Test
    void theFunctionsLogLinesGoBesideTheRequestThatInvokedIt() throws Exception {
        RequestRecord record = next(
                "graphql",
                () -> assertThat(client.withToken(ann.idToken(), "query Echo { echo(value: \"hi\") }")
                                .status())
                        .isEqualTo(200));

        assertThat(record.operation()).isEqualTo("query echo");
        assertThat(record.caller()).isEqualTo("user ann@example.com");
        assertThat(record.outcome()).isEqualTo("allowed");
        assertThat(record.functionLines()).singleElement().asString().startsWith("echo for ");
        assertThat(record.toString()).doesNotContain(ann.idToken());
    }

    @Test
    void aRefusedRequestKeepsAppSyncsErrorType() throws Exception {
        RequestRecord record = next("graphql", () -> client.withToken("not-a-token", "{ echo }"));

        assertThat(record.operation()).isEqualTo("query echo");
        assertThat(record.caller()).isEqualTo("anonymous");
        assertThat(record.status()).isEqualTo(401);
        assertThat(record.outcome()).isEqualTo("refused: UnauthorizedException");
    }
}
