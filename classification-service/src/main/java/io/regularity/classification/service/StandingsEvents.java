package io.regularity.classification.service;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Tells listeners (the SSE streams) that a race's standings changed, once the transaction that
 * changed them has committed, never before.
 */
@ApplicationScoped
public class StandingsEvents {

    private final TransactionSynchronizationRegistry registry;
    private final Set<Consumer<String>> listeners = ConcurrentHashMap.newKeySet();

    public StandingsEvents(TransactionSynchronizationRegistry registry) {
        this.registry = registry;
    }

    public void listen(Consumer<String> listener) {
        listeners.add(listener);
    }

    public void unlisten(Consumer<String> listener) {
        listeners.remove(listener);
    }

    /** Within a transaction: announce after commit. */
    public void changed(String raceId) {
        String key = "standings-changed:" + raceId;
        if (registry.getResource(key) != null) {
            return;
        }
        registry.putResource(key, Boolean.TRUE);
        registry.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    listeners.forEach(l -> l.accept(raceId));
                }
            }
        });
    }
}
