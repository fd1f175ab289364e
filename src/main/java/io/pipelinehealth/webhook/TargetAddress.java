package io.pipelinehealth.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Which addresses a webhook may not reach: anything that is not the public internet. The JDK's
 * checks cover loopback, unspecified, link-local (169.254/16 with the cloud metadata address,
 * fe80::/10), site-local (RFC 1918, fec0::/10) and multicast; the rest are ranges the JDK does not
 * name: unique local fc00::/7 (RFC 4193), shared/CGNAT 100.64/10, "this network" 0/8, reserved
 * 240/4 with broadcast, and IPv6 forms that carry an IPv4 address (mapped ::ffff:0:0/96,
 * compatible ::/96, NAT64 64:ff9b::/96), judged by the address they carry.
 */
final class TargetAddress {

    private TargetAddress() {
    }

    /** Why this address is refused, or empty when it is a public unicast address. */
    static Optional<String> refusal(InetAddress address) {
        if (address.isAnyLocalAddress()) {
            return Optional.of("unspecified address");
        }
        if (address.isLoopbackAddress()) {
            return Optional.of("loopback address");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("link-local address (cloud metadata included)");
        }
        if (address.isSiteLocalAddress()) {
            return Optional.of("private address");
        }
        if (address.isMulticastAddress()) {
            return Optional.of("multicast address");
        }
        if (address instanceof Inet6Address v6) {
            Optional<Inet4Address> embedded = embeddedIpv4(v6.getAddress());
            if (embedded.isPresent()) {
                return refusal(embedded.get()).map(reason -> reason + ", inside an IPv6 address");
            }
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 0) {
                return Optional.of("unspecified address (0.0.0.0/8)");
            }
            if (first == 100 && (second & 0xc0) == 64) {
                return Optional.of("shared address space (100.64.0.0/10)");
            }
            if (first >= 240) {
                return Optional.of("reserved or broadcast address");
            }
            return Optional.empty();
        }
        if ((b[0] & 0xfe) == 0xfc) {
            return Optional.of("private address (unique local fc00::/7)");
        }
        return Optional.empty();
    }

    /** The IPv4 address inside ::ffff:a.b.c.d, ::a.b.c.d or 64:ff9b::a.b.c.d. */
    private static Optional<Inet4Address> embeddedIpv4(byte[] b) {
        boolean zeroPrefix = true;
        for (int i = 0; i < 10; i++) {
            zeroPrefix &= b[i] == 0;
        }
        boolean mapped = zeroPrefix && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = zeroPrefix && b[10] == 0 && b[11] == 0;
        boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
        for (int i = 4; nat64 && i < 12; i++) {
            nat64 = b[i] == 0;
        }
        if (!mapped && !compatible && !nat64) {
            return Optional.empty();
        }
        try {
            return Optional.of((Inet4Address) InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
