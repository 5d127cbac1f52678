package dev.fieldgate.local.testfunction;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.fieldgate.resolvers.AppSyncResolver;
import dev.fieldgate.resolvers.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The boards test app's resolver function on the kit's own runtime (with the manifest on its class path, as the
 * Maven plugin packs it): every post has details with a moderator's note and an author with an address, so that
 * what reaches subscribers below the top level can be seen.
 */
public final class BoardsFunction implements RequestStreamHandler {

    private static final AppSyncResolver RESOLVER = AppSyncResolver.builder()
            .manifest(AppSyncResolver.manifestFromClasspath())
            .include(Router.create()
                    .query("getPost", context -> null)
                    .mutation("createPost", context -> {
                        Map<String, Object> post = new LinkedHashMap<>();
                        post.put("id", UUID.randomUUID().toString());
                        post.putAll(context.ownership().stamp());
                        post.put("title", context.arguments().get("title"));
                        post.put("details", Map.of("summary", "a summary", "moderatorNote", "a moderator's note"));
                        return post;
                    })
                    .resolver("Post", "author", context -> {
                        Object owner = context.source().get("owner");
                        return Map.of("owner", owner, "name", "The author", "email", owner + "@authors.example.com");
                    })
                    .subscription("onCreatePost"))
            .build();

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        RESOLVER.handleRequest(input, output, context);
    }
}
