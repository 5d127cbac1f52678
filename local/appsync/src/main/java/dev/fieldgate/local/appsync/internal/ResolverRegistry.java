package dev.fieldgate.local.appsync.internal;

import dev.fieldgate.policy.Manifest;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.dataloader.DataLoader;
import org.dataloader.DataLoaderFactory;
import org.dataloader.DataLoaderOptions;
import org.dataloader.DataLoaderRegistry;

/**
 * The fields with a resolver, as the manifest lists them, and how they reach the app's function: one Invoke per
 * field, or BatchInvoke through a per-request DataLoader for fields with a {@code maxBatchSize}. The sets are live:
 * the control plane's DeleteResolver removes a field's resolver from the running API.
 */
final class ResolverRegistry {

    private final ResolverInvoker invoker;
    private final Map<String, Integer> batchSizes = new ConcurrentHashMap<>();
    private final Set<String> resolverFields = ConcurrentHashMap.newKeySet();

    ResolverRegistry(Manifest manifest, ResolverInvoker invoker) {
        this.invoker = invoker;
        for (Manifest.Resolver resolver : manifest.resolvers()) {
            resolverFields.add(resolver.coordinate());
            if (resolver.maxBatchSize() != null) {
                batchSizes.put(resolver.coordinate(), resolver.maxBatchSize());
            }
        }
    }

    /** Whether {@code Type.field} has a resolver. */
    boolean has(String coordinate) {
        return resolverFields.contains(coordinate);
    }

    /** Whether {@code Type.field} is resolved in batches, through the DataLoader registered under its coordinate. */
    boolean batched(String coordinate) {
        return batchSizes.containsKey(coordinate);
    }

    FieldOutcome invoke(Map<String, Object> event) {
        return invoker.invoke(event);
    }

    /** A new registry for one request: one uncached DataLoader per batched field. */
    DataLoaderRegistry dataLoaders() {
        DataLoaderRegistry registry = new DataLoaderRegistry();
        batchSizes.forEach((coordinate, size) -> {
            DataLoaderOptions options = DataLoaderOptions.newOptions()
                    .setMaxBatchSize(size)
                    .setCachingEnabled(false)
                    .build();
            DataLoader<Map<String, Object>, FieldOutcome> loader = DataLoaderFactory.newDataLoader(
                    events -> CompletableFuture.completedFuture(invoker.invokeBatch(events)), options);
            registry.register(coordinate, loader);
        });
        return registry;
    }

    /** Removes a field's resolver; returns whether it had one. */
    boolean remove(String type, String field) {
        String coordinate = type + "." + field;
        batchSizes.remove(coordinate);
        return resolverFields.remove(coordinate);
    }
}
