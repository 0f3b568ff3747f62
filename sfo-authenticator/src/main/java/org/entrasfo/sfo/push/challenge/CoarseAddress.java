package org.entrasfo.sfo.push.challenge;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The client's address as the device shows it: enough to tell "my office" from "another country" (IPv4 /24, IPv6
 * /48), not a precise address of the person signing in.
 */
public final class CoarseAddress {

    private CoarseAddress() {
    }

    public static String of(String remoteAddress) {
        if (remoteAddress == null || remoteAddress.isBlank() || !remoteAddress.matches("[0-9A-Fa-f:.%]+")) {
            return null;
        }
        try {
            // A literal only (checked above), so no name lookup ever happens here.
            InetAddress address = InetAddress.getByName(remoteAddress);
            byte[] bytes = address.getAddress();
            if (address instanceof Inet4Address) {
                return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + ".0/24";
            }
            if (address instanceof Inet6Address) {
                return String.format("%x:%x:%x::/48", ((bytes[0] & 0xff) << 8) | (bytes[1] & 0xff),
                        ((bytes[2] & 0xff) << 8) | (bytes[3] & 0xff), ((bytes[4] & 0xff) << 8) | (bytes[5] & 0xff));
            }
            return null;
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
