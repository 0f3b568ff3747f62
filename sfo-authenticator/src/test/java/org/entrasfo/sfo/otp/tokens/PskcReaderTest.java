package org.entrasfo.sfo.otp.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PskcReaderTest {

    private static final String RFC_SECRET = "12345678901234567890";
    private static final String RFC_SECRET_BASE64 = "MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=";
    private static final String RFC_SECRET_BASE32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    private static final String RFC_SECRET_HEX = "3132333435363738393031323334353637383930";

    /** RFC 6030 figure 3: the PSKC document with device info, HOTP parameters and a user. */
    private static final String RFC6030_FIGURE3 = """
            <?xml version="1.0" encoding="UTF-8"?>
            <KeyContainer Version="1.0"
                Id="exampleID1"
                xmlns="urn:ietf:params:xml:ns:keyprov:pskc">
                <KeyPackage>
                    <DeviceInfo>
                        <Manufacturer>Manufacturer</Manufacturer>
                        <SerialNo>987654321</SerialNo>
                        <UserId>DC=example-bank,DC=net</UserId>
                    </DeviceInfo>
                    <CryptoModuleInfo>
                        <Id>CM_ID_001</Id>
                    </CryptoModuleInfo>
                    <Key Id="12345678"
                        Algorithm="urn:ietf:params:xml:ns:keyprov:pskc:hotp">
                        <Issuer>Issuer</Issuer>
                        <AlgorithmParameters>
                            <ResponseFormat Length="8" Encoding="DECIMAL"/>
                        </AlgorithmParameters>
                        <Data>
                            <Secret>
                                <PlainValue>MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=
                                </PlainValue>
                            </Secret>
                            <Counter>
                                <PlainValue>0</PlainValue>
                            </Counter>
                        </Data>
                        <UserId>UID=jsmith,DC=example-bank,DC=net</UserId>
                    </Key>
                </KeyPackage>
            </KeyContainer>
            """;

    @Test
    void readsHotpKeyOfRfc6030Figure3() throws Exception {
        List<HardwareToken> tokens = read(RFC6030_FIGURE3);

        assertThat(tokens).hasSize(1);
        HardwareToken token = tokens.get(0);
        assertThat(token.serial()).isEqualTo("987654321");
        assertThat(token.username()).isEqualTo("UID=jsmith,DC=example-bank,DC=net");
        assertThat(token.kind()).isEqualTo(HardwareToken.Kind.HOTP);
        assertThat(token.secret()).isEqualTo(RFC_SECRET.getBytes(StandardCharsets.US_ASCII));
        assertThat(token.digits()).isEqualTo(8);
        assertThat(token.counter()).isZero();
        assertThat(token.period()).isEqualTo(30);
        assertThat(token.algorithm()).isEqualTo("HmacSHA1");
    }

    @Test
    void readsBasicContainerOfRfc6030Figure2UsingTheKeyIdAsSerial() throws Exception {
        HardwareToken token = single("""
                <KeyContainer Version="1.0" Id="exampleID1" xmlns="urn:ietf:params:xml:ns:keyprov:pskc">
                    <KeyPackage>
                        <Key Id="12345678" Algorithm="urn:ietf:params:xml:ns:keyprov:pskc:hotp">
                            <Issuer>Issuer-A</Issuer>
                            <Data><Secret><PlainValue>MTIzNA==</PlainValue></Secret></Data>
                        </Key>
                    </KeyPackage>
                </KeyContainer>
                """);

        assertThat(token.serial()).isEqualTo("12345678");
        assertThat(token.username()).isNull();
        assertThat(token.secret()).isEqualTo("1234".getBytes(StandardCharsets.US_ASCII));
        assertThat(token.digits()).isEqualTo(6);
        assertThat(token.counter()).isZero();
    }

    @Test
    void readsTotpKeyWithTimeIntervalAndSha256Suite() throws Exception {
        HardwareToken token = single(container("""
                <KeyPackage>
                    <DeviceInfo><Manufacturer>Acme</Manufacturer><SerialNo>TOTP-0001</SerialNo></DeviceInfo>
                    <Key Id="k1" Algorithm="urn:ietf:params:xml:ns:keyprov:pskc:totp">
                        <AlgorithmParameters>
                            <Suite>HMAC-SHA256</Suite>
                            <ResponseFormat Length="6" Encoding="DECIMAL"/>
                        </AlgorithmParameters>
                        <Data>
                            <Secret><PlainValue>MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=</PlainValue></Secret>
                            <Time><PlainValue>0</PlainValue></Time>
                            <TimeInterval><PlainValue>30</PlainValue></TimeInterval>
                        </Data>
                        <UserId>alice</UserId>
                    </Key>
                </KeyPackage>
                """));

        assertThat(token.serial()).isEqualTo("TOTP-0001");
        assertThat(token.username()).isEqualTo("alice");
        assertThat(token.kind()).isEqualTo(HardwareToken.Kind.TOTP);
        assertThat(token.period()).isEqualTo(30);
        assertThat(token.digits()).isEqualTo(6);
        assertThat(token.algorithm()).isEqualTo("HmacSHA256");
    }

    @Test
    void readsEveryKeyPackageOfABulkFile() throws Exception {
        List<HardwareToken> tokens = read(container(
                hotpPackage("654321", "") + hotpPackage("123456", "") + hotpPackage("9999999", "")));

        assertThat(tokens).extracting(HardwareToken::serial).containsExactly("654321", "123456", "9999999");
    }

    @Test
    void takesTheUserFromDeviceInfoWhenTheKeyNamesNone() throws Exception {
        HardwareToken token = single(container("""
                <KeyPackage>
                    <DeviceInfo><SerialNo>42</SerialNo><UserId>bob</UserId></DeviceInfo>
                    <Key Id="k" Algorithm="urn:ietf:params:xml:ns:keyprov:pskc:hotp">
                        <Data><Secret><PlainValue>MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=</PlainValue></Secret></Data>
                    </Key>
                </KeyPackage>
                """));

        assertThat(token.username()).isEqualTo("bob");
    }

    @ParameterizedTest
    @CsvSource({
            "urn:ietf:params:xml:ns:keyprov:pskc:hotp, HOTP",
            "urn:ietf:params:xml:ns:keyprov:pskc#hotp, HOTP",
            "http://www.ietf.org/keyprov/pskc#hotp, HOTP",
            "urn:ietf:params:xml:ns:keyprov:pskc:totp, TOTP",
            "urn:ietf:params:xml:ns:keyprov:pskc#totp, TOTP",
            "http://www.ietf.org/keyprov/pskc#totp, TOTP"})
    void acceptsTheRfcAndDraftAlgorithmUris(String uri, HardwareToken.Kind kind) throws Exception {
        assertThat(single(container(keyPackage("1", uri, "", ""))).kind()).isEqualTo(kind);
    }

    @ParameterizedTest
    @CsvSource({"HMAC-SHA1, HmacSHA1", "hmac-sha256, HmacSHA256", "Hmac-Sha512, HmacSHA512"})
    void mapsTheSuiteToKeycloakAlgorithmNamesIgnoringCase(String suite, String algorithm) throws Exception {
        String parameters = "<AlgorithmParameters><Suite>" + suite + "</Suite></AlgorithmParameters>";

        assertThat(single(container(keyPackage("1", TOTP, parameters, ""))).algorithm()).isEqualTo(algorithm);
    }

    @Test
    void refusesEncryptedKeysWithAClearMessage() {
        String encrypted = container("""
                <KeyPackage>
                    <DeviceInfo><SerialNo>987654321</SerialNo></DeviceInfo>
                    <Key Id="12345678" Algorithm="urn:ietf:params:xml:ns:keyprov:pskc:hotp">
                        <Data>
                            <Secret>
                                <EncryptedValue>
                                    <xenc:EncryptionMethod xmlns:xenc="http://www.w3.org/2001/04/xmlenc#"
                                        Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/>
                                    <xenc:CipherData xmlns:xenc="http://www.w3.org/2001/04/xmlenc#">
                                        <xenc:CipherValue>AAECAwQFBgcICQoLDA0OD+cIHItlB3Wra1DUpxVvOx2lef1VmNPCMl8jwZqIUqGv</xenc:CipherValue>
                                    </xenc:CipherData>
                                </EncryptedValue>
                                <ValueMAC>Su+NvtQfmvfJzF6bmQiJqoLRExc=</ValueMAC>
                            </Secret>
                        </Data>
                    </Key>
                </KeyPackage>
                """);

        assertThatThrownBy(() -> read(encrypted))
                .isInstanceOf(TokenFileException.class)
                .hasMessageContaining("987654321")
                .hasMessageContaining("Encrypted PSKC files are not supported")
                .hasMessageContaining("plain values")
                .hasMessageContaining("decrypt");
    }

    @Test
    void refusesDoctypeToStopXxe(@TempDir Path dir) throws Exception {
        Path outside = dir.resolve("passwd");
        Files.writeString(outside, "root:x:0:0:LEAKED-FILE-CONTENT");
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE KeyContainer [ <!ENTITY leak SYSTEM "%s"> ]>
                <KeyContainer Version="1.0" xmlns="urn:ietf:params:xml:ns:keyprov:pskc">
                    <KeyPackage>
                        <DeviceInfo><SerialNo>&leak;</SerialNo></DeviceInfo>
                        <Key Id="1" Algorithm="urn:ietf:params:xml:ns:keyprov:pskc:hotp">
                            <Data><Secret><PlainValue>MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=</PlainValue></Secret></Data>
                        </Key>
                    </KeyPackage>
                </KeyContainer>
                """.formatted(outside.toUri());

        assertThatThrownBy(() -> read(xxe))
                .isInstanceOf(TokenFileException.class)
                .hasMessageContaining("DOCTYPE")
                .hasMessageNotContaining("LEAKED-FILE-CONTENT");
    }

    @Test
    void reportsMalformedXmlReadablyWithoutStackTrace() {
        assertThatThrownBy(() -> read("<KeyContainer xmlns=\"urn:ietf:params:xml:ns:keyprov:pskc\"><KeyPackage>"))
                .isInstanceOf(TokenFileException.class)
                .hasMessageStartingWith("The PSKC file is not well-formed XML (line 1")
                .hasMessageNotContaining("Exception")
                .hasMessageNotContaining("\tat ");
    }

    @Test
    void refusesAnotherXmlDocument() {
        assertThatThrownBy(() -> read("<KeyContainer><KeyPackage/></KeyContainer>"))
                .isInstanceOf(TokenFileException.class)
                .hasMessageContaining("Not a PSKC file");
    }

    @Test
    void refusesAFileWithoutKeyPackage() {
        assertThatThrownBy(() -> read(container("")))
                .isInstanceOf(TokenFileException.class)
                .hasMessageContaining("no KeyPackage");
    }

    @Test
    void refusesDuplicateSerials() {
        assertThatThrownBy(() -> read(container(hotpPackage("777", "") + hotpPackage("777", ""))))
                .isInstanceOf(TokenFileException.class)
                .hasMessageContaining("777")
                .hasMessageContaining("more than once");
    }

    @Test
    void refusesOtherAlgorithmsNamingTheKey() {
        String ocra = container(keyPackage("OCRA-1", "urn:ietf:params:xml:ns:keyprov:pskc:ocra", "", ""));

        assertThatThrownBy(() -> read(ocra))
                .isInstanceOf(TokenFileException.class)
                .hasMessageContaining("OCRA-1")
                .hasMessageContaining("urn:ietf:params:xml:ns:keyprov:pskc:ocra");
    }

    @Test
    void refusesNonDecimalResponseFormat() {
        String parameters = "<AlgorithmParameters><ResponseFormat Length=\"8\" Encoding=\"HEXADECIMAL\"/></AlgorithmParameters>";

        assertThatThrownBy(() -> read(container(keyPackage("H-1", TOTP, parameters, ""))))
                .isInstanceOf(TokenFileException.class)
                .hasMessageContaining("H-1")
                .hasMessageContaining("HEXADECIMAL");
    }

    @Test
    void refusesCodeLengthsOutsideSixToTen() {
        String parameters = "<AlgorithmParameters><ResponseFormat Length=\"4\" Encoding=\"DECIMAL\"/></AlgorithmParameters>";

        assertThatThrownBy(() -> read(container(keyPackage("SHORT", TOTP, parameters, ""))))
                .isInstanceOf(TokenFileException.class)
                .hasMessageContaining("SHORT")
                .hasMessageContaining("6..10");
    }

    @Test
    void refusesUnknownSuite() {
        String parameters = "<AlgorithmParameters><Suite>HMAC-MD5</Suite></AlgorithmParameters>";

        assertThatThrownBy(() -> read(container(keyPackage("MD5", TOTP, parameters, ""))))
                .isInstanceOf(TokenFileException.class)
                .hasMessageContaining("MD5")
                .hasMessageContaining("HMAC-MD5");
    }

    @Test
    void refusesKeysWithoutSecret() {
        String noSecret = container("""
                <KeyPackage>
                    <DeviceInfo><SerialNo>EMPTY</SerialNo></DeviceInfo>
                    <Key Id="k" Algorithm="urn:ietf:params:xml:ns:keyprov:pskc:totp"><Data/></Key>
                </KeyPackage>
                """);

        assertThatThrownBy(() -> read(noSecret))
                .isInstanceOf(TokenFileException.class)
                .hasMessageContaining("EMPTY")
                .hasMessageContaining("Secret");
    }

    @Test
    void neverPutsTheSecretInAnExceptionMessage() {
        String badSuite = "<AlgorithmParameters><Suite>HMAC-XYZ</Suite></AlgorithmParameters>";
        String badCounter = "<Counter><PlainValue>minus one</PlainValue></Counter>";
        String badSecret = container(keyPackage("1", TOTP, "", "").replace(RFC_SECRET_BASE64, "MTIz*NDU2Nzg5MDEyMzQ1Njc4OTA="));
        List<String> files = List.of(
                container(keyPackage("1", TOTP, badSuite, "")),
                container(keyPackage("1", HOTP, "", badCounter)),
                container(keyPackage("1", "urn:example:unknown", "", "")),
                badSecret,
                RFC6030_FIGURE3.replace("</KeyPackage>", "</KeyPackage><KeyPackage>"));

        for (String file : files) {
            assertThatThrownBy(() -> read(file))
                    .isInstanceOf(TokenFileException.class)
                    .hasMessageNotContaining(RFC_SECRET)
                    .hasMessageNotContaining("MTIzNDU2Nzg5")
                    .hasMessageNotContaining("NDU2Nzg5MDEy")
                    .hasMessageNotContaining(RFC_SECRET_BASE32)
                    .hasMessageNotContaining(RFC_SECRET_HEX);
        }
    }

    @Test
    void encodesTheSecretAsUnpaddedUppercaseBase32() throws Exception {
        assertThat(single(RFC6030_FIGURE3).base32Secret()).isEqualTo(RFC_SECRET_BASE32);
        assertThat(token(new byte[]{(byte) 0xff}).base32Secret()).isEqualTo("74");
        assertThat(token("f".getBytes(StandardCharsets.US_ASCII)).base32Secret()).isEqualTo("MY");
        assertThat(token("foobar".getBytes(StandardCharsets.US_ASCII)).base32Secret()).isEqualTo("MZXW6YTBOI");
    }

    @Test
    void toStringNeverShowsTheSecretInAnyEncoding() throws Exception {
        String text = single(RFC6030_FIGURE3).toString();

        assertThat(text).contains("987654321", "UID=jsmith", "HOTP", "8", "HmacSHA1")
                .doesNotContain(RFC_SECRET)
                .doesNotContain(RFC_SECRET_BASE64)
                .doesNotContain(RFC_SECRET_BASE32)
                .doesNotContain(RFC_SECRET_HEX)
                .doesNotContainIgnoringCase("secret")
                .doesNotContain("[B@");
    }

    @Test
    void keepsItsSecretToItself() throws Exception {
        byte[] seed = RFC_SECRET.getBytes(StandardCharsets.US_ASCII);
        HardwareToken token = token(seed);

        seed[0] = 0;
        token.secret()[1] = 0;

        assertThat(token.secret()).isEqualTo(RFC_SECRET.getBytes(StandardCharsets.US_ASCII));
        assertThat(token).isEqualTo(token(RFC_SECRET.getBytes(StandardCharsets.US_ASCII)));
    }

    private static final String HOTP = "urn:ietf:params:xml:ns:keyprov:pskc:hotp";
    private static final String TOTP = "urn:ietf:params:xml:ns:keyprov:pskc:totp";

    private static HardwareToken token(byte[] secret) {
        return new HardwareToken("S1", null, HardwareToken.Kind.TOTP, secret, 6, 0, 30, "HmacSHA1");
    }

    private static String container(String keyPackages) {
        return "<KeyContainer Version=\"1.0\" xmlns=\"urn:ietf:params:xml:ns:keyprov:pskc\">" + keyPackages
                + "</KeyContainer>";
    }

    private static String hotpPackage(String serial, String extraData) {
        return keyPackage(serial, HOTP, "", extraData);
    }

    private static String keyPackage(String serial, String algorithm, String parameters, String extraData) {
        return "<KeyPackage><DeviceInfo><SerialNo>" + serial + "</SerialNo></DeviceInfo>"
                + "<Key Id=\"key-" + serial + "\" Algorithm=\"" + algorithm + "\">" + parameters
                + "<Data><Secret><PlainValue>" + RFC_SECRET_BASE64 + "</PlainValue></Secret>" + extraData + "</Data>"
                + "</Key></KeyPackage>";
    }

    private static HardwareToken single(String xml) throws TokenFileException {
        List<HardwareToken> tokens = read(xml);
        assertThat(tokens).hasSize(1);
        return tokens.get(0);
    }

    private static List<HardwareToken> read(String xml) throws TokenFileException {
        return PskcReader.read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
