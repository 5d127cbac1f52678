package dev.fieldgate.local.core.internal.state;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** State that lives only as long as the process: for tests and throwaway runs. */
public final class MemoryStateStore implements StateStore {

    private final Map<String, byte[]> documents = new ConcurrentSkipListMap<>();

    @Override
    public Optional<byte[]> read(String name) {
        StateStore.checkName(name);
        byte[] content = documents.get(name);
        return content == null ? Optional.empty() : Optional.of(content.clone());
    }

    @Override
    public void write(String name, byte[] content) {
        StateStore.checkName(name);
        documents.put(name, content.clone());
    }

    @Override
    public void delete(String name) {
        documents.remove(name);
    }

    @Override
    public List<String> list(String folder) {
        String prefix = folder + "/";
        return documents.keySet().stream()
                .filter(n -> n.startsWith(prefix) && n.indexOf('/', prefix.length()) < 0)
                .map(n -> n.substring(prefix.length()))
                .sorted()
                .toList();
    }

    @Override
    public boolean isPersistent() {
        return false;
    }

    @Override
    public void close() {
        // nothing to release
    }
}
