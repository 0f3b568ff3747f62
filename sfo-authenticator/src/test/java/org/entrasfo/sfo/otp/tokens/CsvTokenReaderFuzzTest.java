package org.entrasfo.sfo.otp.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.entrasfo.factor.fuzz.FuzzExecutions;
import org.junit.jupiter.api.AfterAll;

/**
 * A CSV seed file as an administrator uploads it (seeds: the shapes the unit tests read, a byte order mark, quotes,
 * every secret encoding, refused lines): it is read into tokens or refused with a {@link TokenFileException} naming
 * the line; no other exception.
 */
class CsvTokenReaderFuzzTest {

    private static final FuzzExecutions RUN = new FuzzExecutions("CSV token file (CsvTokenReader)");

    // No line break among the entries: Jazzer writes its dictionary one entry per line. The seeds have plenty.
    @DictionaryEntries({"serial", "secret", "username", "type", "digits", "counter", "period", "algorithm",
            "secret_encoding", "hex:", "base32:", "base64:", "totp", "hotp", "sha256", "\"", "\"\"", ";", ",", "#",
            "\uFEFF", "9223372036854775808"})
    @FuzzTest
    void readsATokenFileOrNamesWhatIsWrong(byte[] file) {
        RUN.ran();
        List<HardwareToken> tokens;
        try {
            tokens = CsvTokenReader.read(new StringReader(new String(file, StandardCharsets.UTF_8)));
        } catch (TokenFileException refused) {
            assertThat(refused.getMessage()).isNotBlank();
            return;
        }
        assertThat(tokens).isNotEmpty();
        assertThat(tokens).extracting(HardwareToken::serial).doesNotHaveDuplicates();
    }

    @AfterAll
    static void report() {
        RUN.report();
    }
}
