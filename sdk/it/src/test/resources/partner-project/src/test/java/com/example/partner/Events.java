package com.example.partner;

import com.example.partner.api.types.Pin;
import dev.fieldgate.sdk.GraphQLResponse;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A Flow.Subscriber that asks for one event at a time and keeps their titles. */
final class Events implements Flow.Subscriber<GraphQLResponse<Pin>> {

    private final BlockingQueue<String> titles = new LinkedBlockingQueue<>();
    private volatile Flow.Subscription subscription;

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(1);
    }

    @Override
    public void onNext(GraphQLResponse<Pin> event) {
        titles.add(event.data().getTitle());
        subscription.request(1);
    }

    @Override
    public void onError(Throwable error) {
        titles.add("error: " + error);
    }

    @Override
    public void onComplete() {}

    String next() throws InterruptedException {
        String title = titles.poll(30, TimeUnit.SECONDS);
        if (title == null) {
            throw new AssertionError("no event within 30 s");
        }
        return title;
    }

    void cancel() {
        subscription.cancel();
    }
}
