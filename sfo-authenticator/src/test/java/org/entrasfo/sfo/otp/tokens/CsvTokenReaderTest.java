package org.entrasfo.sfo.otp.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvTokenReaderTest {

    private static final byte[] RFC_SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static final String HEX = "3132333435363738393031323334353637383930";
    private static final String BASE32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    private static final String BASE64 = "MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=";

    @Test
    void readsASemicolonSeparatedFileWithHeaderInAnyCase() throws Exception {
        List<HardwareToken> tokens = read("""
                Serial;USERNAME;Type;Digits;Counter;Period;Algorithm;Secret
                HW-1;alice;hotp;8;5;30;sha256;%s
                HW-2;bob;TOTP;6;;60;HmacSHA512;%s
                """.formatted(HEX, HEX));

        assertThat(tokens).hasSize(2);
        HardwareToken first = tokens.get(0);
        assertThat(first.serial()).isEqualTo("HW-1");
        assertThat(first.username()).isEqualTo("alice");
        assertThat(first.kind()).isEqualTo(HardwareToken.Kind.HOTP);
        assertThat(first.digits()).isEqualTo(8);
        assertThat(first.counter()).isEqualTo(5);
        assertThat(first.algorithm()).isEqualTo("HmacSHA256");
        assertThat(first.secret()).isEqualTo(RFC_SECRET);
        HardwareToken second = tokens.get(1);
        assertThat(second.kind()).isEqualTo(HardwareToken.Kind.TOTP);
        assertThat(second.period()).isEqualTo(60);
        assertThat(second.algorithm()).isEqualTo("HmacSHA512");
    }

    @Test
    void readsACommaSeparatedFileAndFillsInDefaults() throws Exception {
        HardwareToken token = single("serial,secret\nHW-9," + HEX + "\n");

        assertThat(token.serial()).isEqualTo("HW-9");
        assertThat(token.username()).isNull();
        assertThat(token.kind()).isEqualTo(HardwareToken.Kind.TOTP);
        assertThat(token.digits()).isEqualTo(6);
        assertThat(token.counter()).isZero();
        assertThat(token.period()).isEqualTo(30);
        assertThat(token.algorithm()).isEqualTo("HmacSHA1");
        assertThat(token.secret()).isEqualTo(RFC_SECRET);
    }

    @Test
    void skipsBlankLinesCommentsAndAByteOrderMark() throws Exception {
        List<HardwareToken> tokens = read("\uFEFF# exported by the vendor tool\n\nserial;secret\n\n# batch 1\nA;"
                + HEX + "\n   \nB;" + HEX + "\n");

        assertThat(tokens).extracting(HardwareToken::serial).containsExactly("A", "B");
    }

    @Test
    void takesAPlainSecretOfHexDigitsAsHex() throws Exception {
        assertThat(single("serial;secret\nA;" + HEX.toUpperCase()).secret()).isEqualTo(RFC_SECRET);
        assertThat(single("serial;secret\nA;" + HEX).secret()).isEqualTo(RFC_SECRET);
    }

    @Test
    void takesAnyOtherPlainSecretInTheBase32AlphabetAsBase32() throws Exception {
        assertThat(single("serial;secret\nA;" + BASE32).secret()).isEqualTo(RFC_SECRET);
        assertThat(single("serial;secret\nA;GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ").secret()).isEqualTo(RFC_SECRET);
        assertThat(single("serial;secret\nA;MZXW6===").secret()).isEqualTo("foo".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void honoursEncodingPrefixesInTheValue() throws Exception {
        assertThat(single("serial;secret\nA;hex:" + HEX).secret()).isEqualTo(RFC_SECRET);
        assertThat(single("serial;secret\nA;base32:" + BASE32.toLowerCase()).secret()).isEqualTo(RFC_SECRET);
        assertThat(single("serial;secret\nA;base64:" + BASE64).secret()).isEqualTo(RFC_SECRET);
        // Without the prefix "22222222" would be read as four hex bytes; as base32 it is five.
        assertThat(single("serial;secret\nA;22222222").secret()).hasSize(4);
        assertThat(single("serial;secret\nA;base32:22222222").secret()).hasSize(5);
    }

    @Test
    void honoursASecretEncodingColumn() throws Exception {
        List<HardwareToken> tokens = read("""
                serial;secret_encoding;secret
                A;base64;%s
                B;BASE32;%s
                C;;%s
                """.formatted(BASE64, BASE32, HEX));

        assertThat(tokens).extracting(HardwareToken::secret).containsOnly(RFC_SECRET);
    }

    @Test
    void readsQuotedFieldsWithSeparatorsAndEscapedQuotes() throws Exception {
        HardwareToken token = single("\"serial\",\"username\",\"secret\"\n"
                + "\"HW,1\",\"Smith, \"\"Jo\"\"\", \"" + HEX + "\"\n");

        assertThat(token.serial()).isEqualTo("HW,1");
        assertThat(token.username()).isEqualTo("Smith, \"Jo\"");
        assertThat(token.secret()).isEqualTo(RFC_SECRET);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sha256", "SHA256", "HmacSHA256", "hmacsha256", "HMAC-SHA256", "sha-256"})
    void acceptsTheUsualSpellingsOfTheAlgorithm(String spelling) throws Exception {
        assertThat(single("serial;algorithm;secret\nA;" + spelling + ";" + HEX).algorithm()).isEqualTo("HmacSHA256");
    }

    @Test
    void refusesAFileWithoutTheSecretColumn() {
        assertThatThrownBy(() -> read("# tokens\nserial;username\nA;alice\n"))
                .isInstanceOf(TokenFileException.class)
                .hasMessageContaining("Line 2")
                .hasMessageContaining("'secret'")
                .hasMessageContaining("missing");
    }

    @Test
    void namesLineAndColumnOfABadNumber() {
        assertThatThrownBy(() -> read("serial;digits;secret\nA;6;" + HEX + "\n\n# note\nB;eight;" + HEX + "\n"))
                .isInstanceOf(TokenFileException.class)
                .hasMessageStartingWith("Line 5, column 'digits'")
                .hasMessageContaining("eight");
    }

    @Test
    void refusesDigitsOutsideSixToTen() {
        assertThatThrownBy(() -> read("serial;digits;secret\nA;11;" + HEX))
                .isInstanceOf(TokenFileException.class)
                .hasMessageStartingWith("Line 2, column 'digits'")
                .hasMessageContaining("6..10");
    }

    @Test
    void refusesPeriodsOutsideTenToThreeHundredSeconds() {
        assertThatThrownBy(() -> read("serial;period;secret\nA;5;" + HEX))
                .isInstanceOf(TokenFileException.class)
                .hasMessageStartingWith("Line 2, column 'period'")
                .hasMessageContaining("10..300");
    }

    @Test
    void refusesAnUnknownTokenType() {
        assertThatThrownBy(() -> read("serial;type;secret\nA;ocra;" + HEX))
                .isInstanceOf(TokenFileException.class)
                .hasMessageStartingWith("Line 2, column 'type'");
    }

    @Test
    void refusesADuplicateSerialNamingBothLines() {
        assertThatThrownBy(() -> read("serial;secret\nA;" + HEX + "\nB;" + HEX + "\nA;" + HEX))
                .isInstanceOf(TokenFileException.class)
                .hasMessageStartingWith("Line 4, column 'serial'")
                .hasMessageContaining("line 2");
    }

    @Test
    void refusesALineWithMoreOrFewerFieldsThanTheHeader() {
        assertThatThrownBy(() -> read("serial;username;secret\nA;" + HEX))
                .isInstanceOf(TokenFileException.class)
                .hasMessageStartingWith("Line 2:")
                .hasMessageNotContaining(HEX);
    }

    @Test
    void refusesAHeaderWithoutTokens() {
        assertThatThrownBy(() -> read("serial;secret\n\n"))
                .isInstanceOf(TokenFileException.class)
                .hasMessageContaining("no tokens");
        assertThatThrownBy(() -> read("# nothing here\n"))
                .isInstanceOf(TokenFileException.class)
                .hasMessageContaining("no header");
    }

    @Test
    void neverPutsTheSecretInTheMessage() {
        String oddHexWithStrayCharacter = "3132333435363738393031323334353637383930x";
        List<String> files = List.of(
                "serial;secret\nA;" + oddHexWithStrayCharacter,
                "serial;secret\nA;base64:" + BASE64.replace('=', '*'),
                "serial;secret\nA;hex:" + HEX + "0",
                "serial;secret\nA;base32:" + BASE32 + "1",
                "serial;secret\nA;otpauth:" + BASE32,
                "serial;secret_encoding;secret\nA;base32;hex:" + HEX,
                "serial;secret\nA;\"" + HEX,
                "serial;digits;secret\nA;4;" + HEX);

        for (String file : files) {
            assertThatThrownBy(() -> read(file))
                    .isInstanceOf(TokenFileException.class)
                    .hasMessageStartingWith("Line 2")
                    .hasMessageNotContaining("31323334")
                    .hasMessageNotContaining("GEZDGNBV")
                    .hasMessageNotContaining("MTIzNDU2");
        }
    }

    @Test
    void explainsHowToFixASecretThatIsNeitherHexNorBase32() {
        assertThatThrownBy(() -> read("serial;secret\nA;not/a+secret"))
                .isInstanceOf(TokenFileException.class)
                .hasMessageStartingWith("Line 2, column 'secret'")
                .hasMessageContaining("base64:")
                .hasMessageNotContaining("not/a+secret");
    }

    private static HardwareToken single(String csv) throws TokenFileException {
        List<HardwareToken> tokens = read(csv);
        assertThat(tokens).hasSize(1);
        return tokens.get(0);
    }

    private static List<HardwareToken> read(String csv) throws TokenFileException {
        return CsvTokenReader.read(new StringReader(csv));
    }
}
