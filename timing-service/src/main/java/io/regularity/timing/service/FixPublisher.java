package io.regularity.timing.service;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Where {@link FixService} hands a batch's fixes, keyed, and waits for them to be kept ({@code messaging/FixProducer}: the
 * {@code fixes} topic, acknowledged by the broker).
 */
public interface FixPublisher {

    /** Not every record was acknowledged in time, or one was refused: nothing may be said to be kept. */
    class NotAcknowledged extends Exception {
        public NotAcknowledged(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Sends each {@code (key, event)} to {@code topic} and returns once every one is acknowledged; throws when one was
     * refused or {@code timeout} passed first (some may still arrive: the same fix again is harmless).
     */
    void sendAll(String topic, List<Map.Entry<String, Object>> records, Duration timeout) throws NotAcknowledged;
}
