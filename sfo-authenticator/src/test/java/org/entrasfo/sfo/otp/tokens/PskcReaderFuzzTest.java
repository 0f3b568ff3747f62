package org.entrasfo.sfo.otp.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.List;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.entrasfo.factor.fuzz.FuzzExecutions;
import org.junit.jupiter.api.AfterAll;

/**
 * A PSKC seed file as an administrator uploads it (seeds: RFC 6030's examples, vendor variants, an encrypted file,
 * entity tricks): it is read into tokens or refused with a {@link TokenFileException} naming the problem; no other
 * exception, no entity resolved from outside the file (XXE), no hang or memory blow-up on a small file.
 */
class PskcReaderFuzzTest {

    private static final FuzzExecutions RUN = new FuzzExecutions("PSKC token file (PskcReader)");

    @DictionaryEntries({"<KeyContainer", "<KeyPackage>", "<Key ", "<DeviceInfo>", "<SerialNo>", "<UserId>", "<Data>",
            "<Secret>", "<PlainValue>", "<EncryptedValue>", "<Counter>", "<TimeInterval>", "<AlgorithmParameters>",
            "<ResponseFormat", "<Suite>", "Length=\"", "Encoding=\"", "Algorithm=\"", "Id=\"",
            "xmlns=\"urn:ietf:params:xml:ns:keyprov:pskc\"", "urn:ietf:params:xml:ns:keyprov:pskc:totp",
            "<!DOCTYPE", "<!ENTITY", "SYSTEM", "&#", "<![CDATA[", "<?xml version=\"1.0\" encoding=\"UTF-16\"?>"})
    @FuzzTest
    void readsATokenFileOrNamesWhatIsWrong(byte[] file) {
        RUN.ran();
        List<HardwareToken> tokens;
        try {
            tokens = PskcReader.read(new ByteArrayInputStream(file));
        } catch (TokenFileException refused) {
            assertThat(refused.getMessage()).isNotBlank();
            return;
        }
        assertThat(tokens).isNotEmpty();
        assertThat(tokens).extracting(HardwareToken::serial).doesNotHaveDuplicates();
        assertThat(tokens).allSatisfy(token -> assertThat(token.serial() + token.username()).doesNotContain("root:x:0:0"));
    }

    @AfterAll
    static void report() {
        RUN.report();
    }
}
