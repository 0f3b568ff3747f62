package org.entrasfo.factor.transaction;

import java.util.Locale;
import java.util.Optional;

/** The three factor types Entra's acr values are made of. */
public enum FactorType {
    KNOWLEDGE, POSSESSION, INHERENCE;

    static Optional<FactorType> parse(String word) {
        try {
            return Optional.of(valueOf(word.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
