package io.regularity.classification.service;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A map that keeps at most a number of entries, dropping the least recently used; safe across threads. */
public final class Lru {

    private Lru() {
    }

    public static <K, V> Map<K, V> bounded(int max) {
        return Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > max;
            }
        });
    }
}
