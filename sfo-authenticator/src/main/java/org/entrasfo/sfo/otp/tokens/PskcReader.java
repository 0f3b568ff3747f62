package org.entrasfo.sfo.otp.tokens;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads the plain-value HOTP/TOTP keys of an RFC 6030 PSKC file, the format token vendors ship seeds in.
 * Encrypted PSKC is refused: the administrator has to export (or decrypt) the file with plain values first.
 */
public final class PskcReader {

    public static final String NAMESPACE = "urn:ietf:params:xml:ns:keyprov:pskc";

    private PskcReader() {
    }

    public static List<HardwareToken> read(InputStream in) throws TokenFileException {
        Element root = parse(in).getDocumentElement();
        if (!NAMESPACE.equals(root.getNamespaceURI()) || !"KeyContainer".equals(root.getLocalName())) {
            throw new TokenFileException("Not a PSKC file: the root element must be KeyContainer in namespace "
                    + NAMESPACE + ", found " + root.getLocalName() + ".");
        }
        List<HardwareToken> tokens = new ArrayList<>();
        Set<String> serials = new HashSet<>();
        for (Element keyPackage : children(root, "KeyPackage")) {
            HardwareToken token = readKeyPackage(keyPackage, tokens.size() + 1);
            if (!serials.add(token.serial())) {
                throw new TokenFileException("Serial " + token.serial() + " appears more than once in the PSKC file.");
            }
            tokens.add(token);
        }
        if (tokens.isEmpty()) {
            throw new TokenFileException("The PSKC file contains no KeyPackage.");
        }
        return tokens;
    }

    private static HardwareToken readKeyPackage(Element keyPackage, int position) throws TokenFileException {
        Element deviceInfo = child(keyPackage, "DeviceInfo");
        List<Element> keys = children(keyPackage, "Key");
        Element key = keys.isEmpty() ? null : keys.get(0);
        String serial = text(child(deviceInfo, "SerialNo"));
        if (serial == null && key != null && !key.getAttribute("Id").isBlank()) {
            serial = key.getAttribute("Id").trim();
        }
        if (serial == null) {
            throw new TokenFileException("KeyPackage " + position + " has neither DeviceInfo/SerialNo nor a Key Id.");
        }
        if (key == null) {
            throw new TokenFileException("Key " + serial + ": the KeyPackage has no Key element.");
        }
        if (keys.size() > 1) {
            throw new TokenFileException("Key " + serial + ": the KeyPackage holds more than one Key; RFC 6030 allows one.");
        }
        String username = text(child(key, "UserId"));
        if (username == null) {
            username = text(child(deviceInfo, "UserId"));
        }
        Element parameters = child(key, "AlgorithmParameters");
        Element data = child(key, "Data");
        String counter = plainValue(child(data, "Counter"), serial, "Counter");
        String period = plainValue(child(data, "TimeInterval"), serial, "TimeInterval");
        try {
            return new HardwareToken(serial, username, kind(key, serial), secret(data, serial),
                    digits(child(parameters, "ResponseFormat"), serial),
                    counter == null ? HardwareToken.DEFAULT_COUNTER : number(counter, serial, "Counter"),
                    period == null ? HardwareToken.DEFAULT_PERIOD : (int) number(period, serial, "TimeInterval"),
                    algorithm(text(child(parameters, "Suite")), serial));
        } catch (IllegalArgumentException e) {
            throw new TokenFileException("Key " + serial + ": " + e.getMessage());
        }
    }

    private static HardwareToken.Kind kind(Element key, String serial) throws TokenFileException {
        String uri = key.getAttribute("Algorithm").trim();
        // RFC 6030 uses ":hotp"; drafts and some vendor tools still write the older "#hotp" forms.
        return switch (uri.toLowerCase(Locale.ROOT)) {
            case "urn:ietf:params:xml:ns:keyprov:pskc:hotp", "urn:ietf:params:xml:ns:keyprov:pskc#hotp",
                 "http://www.ietf.org/keyprov/pskc#hotp" -> HardwareToken.Kind.HOTP;
            case "urn:ietf:params:xml:ns:keyprov:pskc:totp", "urn:ietf:params:xml:ns:keyprov:pskc#totp",
                 "http://www.ietf.org/keyprov/pskc#totp" -> HardwareToken.Kind.TOTP;
            default -> throw new TokenFileException("Key " + serial + ": algorithm '" + uri
                    + "' is not supported; only HOTP and TOTP keys can be imported.");
        };
    }

    private static byte[] secret(Element data, String serial) throws TokenFileException {
        String value = plainValue(child(data, "Secret"), serial, "Secret");
        if (value == null) {
            throw new TokenFileException("Key " + serial + " has no Data/Secret/PlainValue.");
        }
        try {
            byte[] secret = Base64.getDecoder().decode(value.replaceAll("\\s", ""));
            if (secret.length == 0) {
                throw new TokenFileException("Key " + serial + ": the secret is empty.");
            }
            return secret;
        } catch (IllegalArgumentException e) {
            // The decoder's message can quote the offending character of the secret, so it is not passed on.
            throw new TokenFileException("Key " + serial + ": the secret PlainValue is not valid base64.");
        }
    }

    /** The PlainValue of a Data field, or null if the field is absent. */
    private static String plainValue(Element field, String serial, String name) throws TokenFileException {
        if (field == null) {
            return null;
        }
        if (child(field, "EncryptedValue") != null) {
            throw new TokenFileException("Key " + serial + ": the " + name + " is encrypted. Encrypted PSKC files are "
                    + "not supported; export the vendor file with plain values (PlainValue) or decrypt it first.");
        }
        String value = text(child(field, "PlainValue"));
        if (value == null) {
            throw new TokenFileException("Key " + serial + ": Data/" + name + " has no PlainValue.");
        }
        return value;
    }

    private static int digits(Element responseFormat, String serial) throws TokenFileException {
        if (responseFormat == null) {
            return HardwareToken.DEFAULT_DIGITS;
        }
        String encoding = responseFormat.getAttribute("Encoding").trim();
        if (!encoding.isEmpty() && !encoding.equals("DECIMAL")) {
            throw new TokenFileException("Key " + serial + ": ResponseFormat Encoding '" + encoding
                    + "' is not supported; only DECIMAL codes can be checked.");
        }
        String length = responseFormat.getAttribute("Length").trim();
        if (length.isEmpty()) {
            return HardwareToken.DEFAULT_DIGITS;
        }
        int digits = (int) number(length, serial, "ResponseFormat Length");
        if (digits < 6 || digits > 10) {
            throw new TokenFileException("Key " + serial + ": ResponseFormat Length " + digits + " is outside 6..10.");
        }
        return digits;
    }

    private static String algorithm(String suite, String serial) throws TokenFileException {
        if (suite == null) {
            return HardwareToken.DEFAULT_ALGORITHM;
        }
        return switch (suite.toUpperCase(Locale.ROOT)) {
            case "HMAC-SHA1" -> HardwareToken.HMAC_SHA1;
            case "HMAC-SHA256" -> HardwareToken.HMAC_SHA256;
            case "HMAC-SHA512" -> HardwareToken.HMAC_SHA512;
            default -> throw new TokenFileException("Key " + serial + ": Suite '" + suite
                    + "' is not supported; use HMAC-SHA1, HMAC-SHA256 or HMAC-SHA512.");
        };
    }

    private static long number(String value, String serial, String field) throws TokenFileException {
        try {
            long number = Long.parseLong(value);
            if (number < 0 || number > Integer.MAX_VALUE && !field.equals("Counter")) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new TokenFileException("Key " + serial + ": " + field + " '" + value + "' is not a valid number.");
        }
    }

    private static Document parse(InputStream in) throws TokenFileException {
        try {
            DocumentBuilder builder = factory().newDocumentBuilder();
            // The default handler prints to stderr; a file an administrator uploads is not worth a console line.
            builder.setErrorHandler(new ErrorHandler() {
                @Override
                public void warning(SAXParseException e) {
                }

                @Override
                public void error(SAXParseException e) throws SAXException {
                    throw e;
                }

                @Override
                public void fatalError(SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            return builder.parse(in);
        } catch (SAXParseException e) {
            if (e.getMessage() != null && e.getMessage().contains("DOCTYPE")) {
                throw new TokenFileException("The PSKC file contains a DOCTYPE declaration, which is refused to keep "
                        + "XML entity attacks out; remove it and import again.");
            }
            throw new TokenFileException("The PSKC file is not well-formed XML (line " + e.getLineNumber()
                    + ", column " + e.getColumnNumber() + "): " + e.getMessage());
        } catch (SAXException e) {
            throw new TokenFileException("The PSKC file is not well-formed XML: " + e.getMessage());
        } catch (IOException e) {
            throw new TokenFileException("The PSKC file could not be read: " + e.getMessage());
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("The JDK XML parser does not support the XXE protections", e);
        }
    }

    // Seed files come from outside; no DOCTYPE means no entity tricks (XXE, billion laughs) can reach the parser.
    private static DocumentBuilderFactory factory() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        return factory;
    }

    private static List<Element> children(Element parent, String localName) {
        List<Element> found = new ArrayList<>();
        if (parent == null) {
            return found;
        }
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e && NAMESPACE.equals(e.getNamespaceURI())
                    && localName.equals(e.getLocalName())) {
                found.add(e);
            }
        }
        return found;
    }

    private static Element child(Element parent, String localName) {
        List<Element> found = children(parent, localName);
        return found.isEmpty() ? null : found.get(0);
    }

    /** Trimmed text, or null when the element is absent or empty. */
    private static String text(Node node) {
        if (node == null) {
            return null;
        }
        String text = node.getTextContent().trim();
        return text.isEmpty() ? null : text;
    }
}
