package io.regularity.support.rest;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.common.net.CidrAddress;
import io.smallrye.common.net.Inet;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.inject.Singleton;

/**
 * Who a client is, for a limit per client: the address the nearest trusted proxy saw. Proxies append to
 * {@code X-Forwarded-For} (nginx's {@code $proxy_add_x_forwarded_for}, AWS ALB, Traefik), so its leftmost entries are
 * whatever the client wrote, and Quarkus' own forwarding (3.33) believes the leftmost. Here the socket's peer is taken,
 * then the header's entries from the right as long as the address before them is a trusted proxy
 * ({@code quarkus.http.proxy.trusted-proxies}, addresses or CIDR ranges): the first one not trusted is the client.
 */
@Singleton
public class ClientAddress {

    private final List<CidrAddress> trusted = new ArrayList<>();

    public ClientAddress(@ConfigProperty(name = "quarkus.http.proxy.trusted-proxies") Optional<List<String>> proxies) {
        for (String proxy : proxies.orElse(List.of())) {
            CidrAddress range = Inet.parseCidrAddress(proxy.trim());
            InetAddress one = range == null ? Inet.parseInetAddress(proxy.trim()) : null;
            if (range == null && one == null) {
                throw new IllegalArgumentException("quarkus.http.proxy.trusted-proxies: " + proxy + " is not an address or a CIDR range");
            }
            trusted.add(range != null ? range : CidrAddress.create(one, one.getAddress().length * 8));
        }
    }

    /** The client's address as text ({@code 203.0.113.7}, {@code 2001:db8::1}), or {@code unknown} without a socket. */
    public String of(HttpServerRequest request) {
        SocketAddress peer = request.connection() == null ? null : request.connection().remoteAddress();
        return of(peer == null ? null : peer.hostAddress(), request.headers().getAll("X-Forwarded-For"));
    }

    /** The client seen from the socket's {@code peer} through the {@code X-Forwarded-For} header lines, in order. */
    public String of(String peer, List<String> forwardedFor) {
        InetAddress current = peer == null ? null : Inet.parseInetAddress(peer);
        if (current == null) {
            return "unknown";
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String hop : header.split(",")) {
                hops.add(hop.trim());
            }
        }
        for (int i = hops.size() - 1; i >= 0 && trusted(current); i--) {
            InetAddress next = Inet.parseInetAddress(hops.get(i));
            if (next == null) {
                break; // not an address: the proxy that wrote it is the last one believed
            }
            current = next;
        }
        return Inet.toOptimalString(current);
    }

    private boolean trusted(InetAddress address) {
        return trusted.stream().anyMatch(range -> range.matches(address));
    }
}
