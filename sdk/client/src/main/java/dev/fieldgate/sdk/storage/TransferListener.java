package dev.fieldgate.sdk.storage;

/**
 * Hears how far an upload or download has come. Called on the thread doing the transfer, with a count that only
 * grows; keep it quick.
 */
@FunctionalInterface
public interface TransferListener {

    /**
     * Called as bytes go by.
     *
     * @param bytesTransferred bytes sent or received so far
     * @param totalBytes       the object's size, or -1 while it is not known (an upload from a stream of unknown
     *                         length)
     */
    void progress(long bytesTransferred, long totalBytes);
}
