package org.entrasfo.factor.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the pages show of who is signing in: Entra's name and UPN, printable and bounded, the UPN only when it adds something. */
class SigningInAsTest {

    @Test
    void showsTheNameAndTheUpnBelowIt() {
        SigningInAs who = SigningInAs.ofClaims("Ada Lovelace", "ada@contoso.example");

        assertThat(who.getName()).isEqualTo("Ada Lovelace");
        assertThat(who.getAccount()).isEqualTo("ada@contoso.example");
    }

    @Test
    void withoutANameTheUpnIsTheNameAndNotRepeated() {
        SigningInAs who = SigningInAs.ofClaims("  ", "ada@contoso.example");

        assertThat(who.getName()).isEqualTo("ada@contoso.example");
        assertThat(who.getAccount()).isNull();
    }

    @Test
    void controlCharactersAreDroppedSoANameCannotForgeLinesOnThePage() {
        assertThat(SigningInAs.ofClaims("Ada\r\nLovelace\u0000", null).getName()).isEqualTo("AdaLovelace");
    }

    @Test
    void directionOverridesAreDroppedSoAUpnCannotReadAsAnother() {
        assertThat(SigningInAs.ofClaims(null, "ada@contoso.example\u202Egpj.exe").getName()).isEqualTo("ada@contoso.examplegpj.exe");
    }

    @Test
    void zeroWidthAndOtherInvisibleCharactersAreDroppedSoTwoNamesCannotLookAlike() {
        assertThat(SigningInAs.ofClaims("Ada\u200B Love\u2060lace\uFEFF", null).getName()).isEqualTo("Ada Lovelace");
    }

    @Test
    void aVeryLongNameIsCutWithoutSplittingACharacter() {
        String name = "a".repeat(SigningInAs.MAX_LENGTH - 1) + "\uD83D\uDE00" + "b".repeat(100);

        String shown = SigningInAs.ofClaims(name, null).getName();

        assertThat(shown).hasSize(SigningInAs.MAX_LENGTH).endsWith("a…");
    }
}
