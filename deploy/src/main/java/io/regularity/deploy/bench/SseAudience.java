package io.regularity.deploy.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A live audience as cheap as a load generator can be, so that on one machine the figures say what the service
 * does, not what the client spends: {@code subscribers} SSE connections on one thread and one selector, each reading
 * raw bytes into a buffer shared by all and looking only for the list's {@code "generatedAt":"…"} in each event, to
 * time its delivery (list computed → here). No HTTP client, no line or JSON decoding: per delivery it scans bytes.
 */
final class SseAudience {

    private static final byte[] MARK = "\"generatedAt\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final int STAMP = 30; // the longest instant text after the mark, quote included

    /** One subscriber: the bytes kept from its last read (a mark or a stamp cut in two), whether its stream was accepted. */
    private static final class Connection {
        final byte[] tail = new byte[MARK.length + STAMP];
        int tailLength;
        ByteBuffer request;
        boolean accepted;
        boolean open = true;
    }

    private SseAudience() {
    }

    /**
     * Opens {@code subscribers} streams of {@code url} over {@code rampUp}, measures for {@code hold} while {@code during}
     * runs on the calling thread: {subscribers held to the end, deliveries, p50 ms, p99 ms, max ms, bytes received while
     * measuring}.
     */
    static long[] follow(String url, int subscribers, Duration rampUp, Duration hold, Runnable during) throws Exception {
        URI uri = URI.create(url);
        InetSocketAddress address = new InetSocketAddress(uri.getHost(), uri.getPort());
        byte[] request = ("GET " + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()) + " HTTP/1.1\r\n"
                + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        List<Connection> connections = Collections.synchronizedList(new ArrayList<>());
        Selector selector = Selector.open();
        AtomicLongArray measuring = new AtomicLongArray(
                new long[] { Long.MAX_VALUE, Long.MAX_VALUE, 0 }); // from, until (nanoTime), bytes received meanwhile
        Thread reader = new Thread(() -> read(selector, address, request, subscribers, rampUp, latencies, connections, measuring),
                "sse-audience");
        reader.setDaemon(true);
        reader.start();
        long rampEnd = System.nanoTime() + rampUp.toNanos();
        while (System.nanoTime() < rampEnd + 2_000_000_000L && accepted(connections) < subscribers) {
            Thread.sleep(100);
        }
        Report.log("audience: " + accepted(connections) + " of " + subscribers + " subscribers connected");
        long start = System.nanoTime();
        measuring.set(1, start + hold.toNanos());
        measuring.set(0, start);
        while (System.nanoTime() < measuring.get(1)) {
            during.run();
        }
        Thread.sleep(1000); // deliveries of the last changes still on their way
        int held;
        synchronized (connections) {
            held = (int) connections.stream().filter(c -> c.accepted && c.open).count();
        }
        reader.interrupt();
        selector.wakeup();
        reader.join(10_000);
        List<Long> sorted;
        synchronized (latencies) {
            sorted = new ArrayList<>(latencies);
        }
        Collections.sort(sorted);
        return new long[] { held, sorted.size(), Measures.percentile(sorted, 50), Measures.percentile(sorted, 99),
                sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1), measuring.get(2) };
    }

    private static int accepted(List<Connection> connections) {
        synchronized (connections) {
            return (int) connections.stream().filter(c -> c.accepted && c.open).count();
        }
    }

    private static void read(Selector selector, InetSocketAddress address, byte[] request, int subscribers, Duration rampUp,
            List<Long> latencies, List<Connection> connections, AtomicLongArray measuring) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(256 * 1024);
        byte[] bytes = new byte[buffer.capacity() + MARK.length + STAMP];
        long pause = rampUp.toNanos() / Math.max(1, subscribers);
        long nextOpen = System.nanoTime();
        int opened = 0;
        try (selector) {
            while (!Thread.currentThread().isInterrupted()) {
                while (opened < subscribers && System.nanoTime() >= nextOpen) {
                    SocketChannel channel = SocketChannel.open();
                    channel.configureBlocking(false);
                    Connection c = new Connection();
                    c.request = ByteBuffer.wrap(request);
                    connections.add(c);
                    channel.connect(address);
                    channel.register(selector, SelectionKey.OP_CONNECT, c);
                    opened++;
                    nextOpen += pause;
                }
                selector.select(opened < subscribers ? 1 : 100);
                for (var it = selector.selectedKeys().iterator(); it.hasNext();) {
                    SelectionKey key = it.next();
                    it.remove();
                    Connection c = (Connection) key.attachment();
                    SocketChannel channel = (SocketChannel) key.channel();
                    try {
                        if (key.isConnectable() && channel.finishConnect()) {
                            key.interestOps(SelectionKey.OP_WRITE);
                        }
                        if (key.isValid() && key.isWritable()) {
                            channel.write(c.request);
                            if (!c.request.hasRemaining()) {
                                key.interestOps(SelectionKey.OP_READ);
                            }
                        }
                        if (key.isValid() && key.isReadable()) {
                            buffer.clear();
                            int n = channel.read(buffer);
                            if (n < 0) {
                                close(key, c);
                                continue;
                            }
                            long now = System.currentTimeMillis();
                            long at = System.nanoTime();
                            if (at >= measuring.get(0) && at <= measuring.get(1)) {
                                measuring.addAndGet(2, n);
                            }
                            System.arraycopy(c.tail, 0, bytes, 0, c.tailLength);
                            buffer.flip();
                            buffer.get(bytes, c.tailLength, n);
                            int length = c.tailLength + n;
                            if (!c.accepted) {
                                c.accepted = startsWith(bytes, length, "HTTP/1.1 200");
                                if (!c.accepted) {
                                    close(key, c);
                                    continue;
                                }
                            }
                            scan(c, bytes, length, now, measuring, latencies);
                        }
                    } catch (IOException e) {
                        close(key, c);
                    }
                }
            }
            for (SelectionKey key : selector.keys()) {
                key.channel().close();
            }
        } catch (IOException e) {
            Report.log("audience reader stopped: " + e.getMessage());
        }
    }

    /** Times each complete stamp after a mark in {@code bytes[0, length)}; keeps what could be a cut mark or stamp. */
    private static void scan(Connection c, byte[] bytes, int length, long now, AtomicLongArray measuring,
            List<Long> latencies) {
        int keepFrom = Math.max(0, length - MARK.length + 1);
        for (int i = 0; i + MARK.length <= length; i++) {
            if (!matches(bytes, i)) {
                continue;
            }
            int from = i + MARK.length;
            int quote = -1;
            for (int j = from; j < Math.min(length, from + STAMP); j++) {
                if (bytes[j] == '"') {
                    quote = j;
                    break;
                }
            }
            if (quote < 0) {
                keepFrom = Math.min(keepFrom, i); // the stamp is cut: keep the mark for the next read
                break;
            }
            long nanos = System.nanoTime();
            if (nanos >= measuring.get(0) && nanos <= measuring.get(1)) {
                Instant made = Instant.parse(new String(bytes, from, quote - from, StandardCharsets.US_ASCII));
                latencies.add(now - made.toEpochMilli());
            }
            i = quote;
            keepFrom = Math.max(keepFrom, quote + 1);
        }
        c.tailLength = Math.min(length - keepFrom, c.tail.length);
        System.arraycopy(bytes, length - c.tailLength, c.tail, 0, c.tailLength);
    }

    private static boolean matches(byte[] bytes, int at) {
        for (int k = 0; k < MARK.length; k++) {
            if (bytes[at + k] != MARK[k]) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] bytes, int length, String prefix) {
        if (length < prefix.length()) {
            return false;
        }
        for (int k = 0; k < prefix.length(); k++) {
            if (bytes[k] != prefix.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static void close(SelectionKey key, Connection c) {
        c.open = false;
        key.cancel();
        try {
            key.channel().close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
