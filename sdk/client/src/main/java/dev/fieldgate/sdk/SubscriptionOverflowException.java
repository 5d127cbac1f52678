package dev.fieldgate.sdk;

/**
 * A subscription's {@link java.util.concurrent.Flow.Subscriber} requested events more slowly than AppSync sent them,
 * and the events it had not requested filled the publisher's buffer. AppSync cannot be slowed down, so the
 * subscription was stopped. Request more at a time (or {@code Long.MAX_VALUE}), hand events to another thread
 * sooner, or raise {@link FieldgateClientBuilder#subscriptionBufferSize(int)}.
 */
public class SubscriptionOverflowException extends FieldgateException {

    private static final long serialVersionUID = 1L;

    private final int bufferSize;

    public SubscriptionOverflowException(int bufferSize) {
        super("The subscriber fell " + bufferSize + " events behind and the subscription was stopped: request more "
                + "events at a time, process them on another thread, or raise subscriptionBufferSize.");
        this.bufferSize = bufferSize;
    }

    /** The number of unrequested events the publisher held when it gave up. */
    public int bufferSize() {
        return bufferSize;
    }
}
