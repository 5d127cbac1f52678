package dev.fieldgate.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test
    void aPartReadTwiceCountsOnceAndProgressNeverGoesBack() throws Exception {
        List<long[]> heard = new ArrayList<>();
        Progress progress = new Progress((done, total) -> heard.add(new long[] {done, total}), 300);
        progress.start();
        byte[] part = new byte[100];

        for (int pass = 0; pass < 2; pass++) { // e.g. hashed once, then sent
            try (InputStream in = progress.count(new ByteArrayInputStream(part), 0)) {
                in.readAllBytes();
            }
        }
        progress.reached(100);
        try (InputStream in = progress.count(new ByteArrayInputStream(new byte[200]), 100)) {
            in.readAllBytes();
        }
        progress.reached(300);

        assertThat(heard).extracting(h -> h[1]).containsOnly(300L);
        assertThat(heard)
                .extracting(h -> h[0])
                .isSorted()
                .doesNotHaveDuplicates()
                .startsWith(0L)
                .endsWith(300L);
    }
}
