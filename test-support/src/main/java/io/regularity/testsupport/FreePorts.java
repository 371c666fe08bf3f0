package io.regularity.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for servers this JVM starts (the embedded broker's listeners, the packaged services). Taken below Linux's range
 * for outgoing connections (32768-60999), where an ephemeral port the kernel picks ({@code new ServerSocket(0)}) may be
 * handed to a client's connection before the server binds it; each port handed out once.
 */
public final class FreePorts {

    static final int FIRST = 20000;
    static final int LAST = 32767;
    private static final Set<Integer> GIVEN = new HashSet<>();

    private FreePorts() {
    }

    /** A loopback port nothing listens on now and that this JVM has not handed out before. */
    public static synchronized int next() {
        for (int tries = 0; tries < 1000; tries++) {
            int port = ThreadLocalRandom.current().nextInt(FIRST, LAST + 1);
            if (GIVEN.contains(port)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                GIVEN.add(port);
                return port;
            } catch (IOException taken) {
                // in use: another
            }
        }
        throw new IllegalStateException("no free port between " + FIRST + " and " + LAST);
    }
}
