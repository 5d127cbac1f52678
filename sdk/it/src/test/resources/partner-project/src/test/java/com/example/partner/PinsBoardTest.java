package com.example.partner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.partner.api.PinsOperations;
import com.example.partner.api.types.Pin;
import dev.fieldgate.sdk.Subscription;
import dev.fieldgate.sdk.SubscriptionPublisher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The plain SDK: signed in and as a guest, sync and async, a Publisher and a listener. */
class PinsBoardTest {

    @Test
    void signsInQueriesMutatesAndSubscribes() throws Exception {
        try (PinsBoard board = new PinsBoard(Path.of(System.getProperty("fieldgate.outputs")))) {
            board.signIn(System.getProperty("partner.username"), System.getProperty("partner.password"));

            Events events = new Events();
            SubscriptionPublisher<Pin> newPins = board.newPins();
            newPins.subscribe(events);
            newPins.started().get(30, TimeUnit.SECONDS);
            BlockingQueue<String> heard = new LinkedBlockingQueue<>();
            try (Subscription listener =
                    board.client().subscribe(PinsOperations.onCreatePin(), e -> heard.add(e.data().getTitle()))) {
                listener.awaitStarted(Duration.ofSeconds(30));

                Pin heron = board.pin("heron");
                assertEquals(board.userSub(), heron.getOwner());
                assertEquals("heron", events.next());
                assertEquals("heron", heard.poll(30, TimeUnit.SECONDS));

                Pin egret = board.pinAsync("egret").get(30, TimeUnit.SECONDS);
                assertEquals(board.userSub(), egret.getOwner());
                assertEquals("egret", events.next());
            }
            events.cancel();

            assertFalse(board.newestPins(10).getItems().isEmpty());
            assertTrue(board.newestPinsAsync(10).get(30, TimeUnit.SECONDS).getItems().stream()
                    .anyMatch(p -> p.getTitle().equals("egret")));
        }
    }
}
