package org.entrasfo.sfo.push;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How the user proves on the device that the push belongs to the sign-in in front of them: the browser shows a number
 * the device must be told. It cannot be switched off; without it a tired user approves a push an attacker triggered.
 */
public enum NumberMatching {

    /** The device offers three numbers, one of them right. */
    CHOOSE,
    /** The user types the number. */
    TYPE;

    public static final String CONFIG_KEY = "numberMatching";
    static final int LOWEST = 10;
    static final int HIGHEST = 99;
    private static final SecureRandom RANDOM = new SecureRandom();

    public static NumberMatching of(String configured) {
        return configured != null && "type".equalsIgnoreCase(configured.trim()) ? TYPE : CHOOSE;
    }

    public String protocolName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A two-digit number for the browser, as Microsoft's own authenticator shows. */
    public static int newNumber() {
        return LOWEST + RANDOM.nextInt(HIGHEST - LOWEST + 1);
    }

    /** The right number and two distinct others, in random order. */
    public static List<Integer> choicesFor(int number) {
        Set<Integer> choices = new LinkedHashSet<>();
        choices.add(number);
        while (choices.size() < 3) {
            choices.add(newNumber());
        }
        List<Integer> shuffled = new ArrayList<>(choices);
        Collections.shuffle(shuffled, RANDOM);
        return shuffled;
    }
}
