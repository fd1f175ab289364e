package io.pipelinehealth.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each address class a webhook may not reach, and public addresses that stay allowed. */
class TargetAddressTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "127.0.0.1, loopback address",
            "127.255.0.9, loopback address",
            "::1, loopback address",
            "10.0.0.1, private address",
            "172.16.5.4, private address",
            "172.31.255.255, private address",
            "192.168.1.1, private address",
            "fd12:3456::1, private address (unique local fc00::/7)",
            "fc00::1, private address (unique local fc00::/7)",
            "fec0::1, private address",
            "169.254.169.254, link-local address (cloud metadata included)",
            "169.254.0.1, link-local address (cloud metadata included)",
            "fe80::1, link-local address (cloud metadata included)",
            "224.0.0.1, multicast address",
            "239.255.255.250, multicast address",
            "ff02::1, multicast address",
            "0.0.0.0, unspecified address",
            "::, unspecified address",
            "0.1.2.3, unspecified address (0.0.0.0/8)",
            "100.64.0.1, shared address space (100.64.0.0/10)",
            "100.127.255.254, shared address space (100.64.0.0/10)",
            "255.255.255.255, reserved or broadcast address",
            "240.0.0.1, reserved or broadcast address",
            "::ffff:127.0.0.1, loopback address",
            "::ffff:169.254.169.254, link-local address (cloud metadata included)",
            "::ffff:10.0.0.1, private address",
            "::127.0.0.1, 'loopback address, inside an IPv6 address'",
            "64:ff9b::a9fe:a9fe, 'link-local address (cloud metadata included), inside an IPv6 address'",
            "64:ff9b::c0a8:0101, 'private address, inside an IPv6 address'",
    })
    void refusesNonPublicAddresses(String address, String reason) throws UnknownHostException {
        assertEquals(reason, TargetAddress.refusal(InetAddress.getByName(address)).orElse("allowed"));
    }

    @ParameterizedTest(name = "{0} is public")
    @CsvSource({"8.8.8.8", "93.184.216.34", "100.63.255.255", "100.128.0.1", "172.32.0.1", "192.169.0.1",
            "2606:4700:4700::1111", "::ffff:8.8.8.8", "64:ff9b::808:808", "fbff::1", "fe00::1"})
    void allowsPublicAddresses(String address) throws UnknownHostException {
        assertEquals("allowed", TargetAddress.refusal(InetAddress.getByName(address)).orElse("allowed"));
    }
}
