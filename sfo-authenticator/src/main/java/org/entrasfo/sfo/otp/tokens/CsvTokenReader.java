package org.entrasfo.sfo.otp.tokens;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads hardware token seeds from a CSV file with a header line, for vendors (and spreadsheets) that do not produce
 * PSKC. Columns: serial, secret (required); username, type, digits, counter, period, algorithm, secret_encoding.
 * Comma or semicolon separated, as the header line shows; blank lines and {@code #} comments are skipped.
 */
public final class CsvTokenReader {

    private static final List<String> REQUIRED = List.of("serial", "secret");

    private CsvTokenReader() {
    }

    public static List<HardwareToken> read(Reader reader) throws TokenFileException {
        try {
            return readLines(new BufferedReader(reader));
        } catch (IOException e) {
            throw new TokenFileException("The CSV file could not be read: " + e.getMessage());
        }
    }

    private static List<HardwareToken> readLines(BufferedReader in) throws IOException, TokenFileException {
        Header header = null;
        List<HardwareToken> tokens = new ArrayList<>();
        Map<String, Integer> serialLines = new HashMap<>();
        int lineNumber = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            lineNumber++;
            if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1); // spreadsheets like to save a byte order mark
            }
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            if (header == null) {
                header = Header.parse(line, lineNumber);
                continue;
            }
            Row row = new Row(header, split(line, header.separator(), lineNumber), lineNumber);
            HardwareToken token = row.token();
            Integer earlier = serialLines.putIfAbsent(token.serial(), lineNumber);
            if (earlier != null) {
                throw row.error("serial", "serial " + token.serial() + " already appeared on line " + earlier + ".");
            }
            tokens.add(token);
        }
        if (header == null) {
            throw new TokenFileException("The CSV file is empty: there is no header line.");
        }
        if (tokens.isEmpty()) {
            throw new TokenFileException("The CSV file has a header (line " + header.lineNumber() + ") but no tokens.");
        }
        return tokens;
    }

    /** RFC 4180 style: a field may be wrapped in double quotes, in which a doubled quote stands for one. */
    static List<String> split(String line, char separator, int lineNumber) throws TokenFileException {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c != '"') {
                    field.append(c);
                } else if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else {
                    quoted = false;
                }
            } else if (c == '"' && field.toString().isBlank()) {
                quoted = true;
                field.setLength(0);
            } else if (c == separator) {
                fields.add(field.toString().strip());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            // The line is not echoed: it may hold a secret.
            throw new TokenFileException("Line " + lineNumber + ": a quoted field is not closed (fields cannot span lines).");
        }
        fields.add(field.toString().strip());
        return fields;
    }

    private record Header(Map<String, Integer> columns, char separator, int size, int lineNumber) {

        static Header parse(String line, int lineNumber) throws TokenFileException {
            long semicolons = line.chars().filter(c -> c == ';').count();
            long commas = line.chars().filter(c -> c == ',').count();
            char separator = semicolons > commas ? ';' : ',';
            List<String> names = split(line, separator, lineNumber);
            Map<String, Integer> columns = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i).toLowerCase(Locale.ROOT);
                if (!name.isEmpty() && columns.putIfAbsent(name, i) != null) {
                    throw new TokenFileException("Line " + lineNumber + " (header), column '" + name
                            + "': the column appears twice.");
                }
            }
            for (String required : REQUIRED) {
                if (!columns.containsKey(required)) {
                    throw new TokenFileException("Line " + lineNumber + " (header), column '" + required
                            + "': this required column is missing.");
                }
            }
            return new Header(columns, separator, names.size(), lineNumber);
        }
    }

    private record Row(Header header, List<String> fields, int lineNumber) {

        HardwareToken token() throws TokenFileException {
            if (fields.size() != header.size()) {
                throw new TokenFileException("Line " + lineNumber + ": " + fields.size() + " fields, but the header has "
                        + header.size() + ".");
            }
            String serial = value("serial");
            if (serial.isEmpty()) {
                throw error("serial", "the serial is empty.");
            }
            String username = value("username");
            try {
                return new HardwareToken(serial, username.isEmpty() ? null : username, kind(), secret(),
                        (int) number("digits", HardwareToken.DEFAULT_DIGITS, 6, 10),
                        number("counter", HardwareToken.DEFAULT_COUNTER, 0, Long.MAX_VALUE),
                        (int) number("period", HardwareToken.DEFAULT_PERIOD, 10, 300), algorithm());
            } catch (IllegalArgumentException e) {
                throw new TokenFileException("Line " + lineNumber + ": " + e.getMessage());
            }
        }

        private HardwareToken.Kind kind() throws TokenFileException {
            return switch (value("type").toLowerCase(Locale.ROOT)) {
                case "", "totp" -> HardwareToken.Kind.TOTP;
                case "hotp" -> HardwareToken.Kind.HOTP;
                default -> throw error("type", "'" + value("type") + "' is neither totp nor hotp.");
            };
        }

        private String algorithm() throws TokenFileException {
            // Accepts sha1, SHA-256, HmacSHA512, HMAC-SHA1, ...: all spellings vendors and Keycloak use.
            String name = value("algorithm").toLowerCase(Locale.ROOT).replaceAll("[\\s_-]", "").replace("hmac", "");
            return switch (name) {
                case "", "sha1" -> HardwareToken.HMAC_SHA1;
                case "sha256" -> HardwareToken.HMAC_SHA256;
                case "sha512" -> HardwareToken.HMAC_SHA512;
                default -> throw error("algorithm", "'" + value("algorithm") + "' is not sha1, sha256 or sha512.");
            };
        }

        private long number(String column, long fallback, long min, long max) throws TokenFileException {
            String text = value(column);
            if (text.isEmpty()) {
                return fallback;
            }
            long number;
            try {
                number = Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw error(column, "'" + text + "' is not a whole number.");
            }
            if (number < min || number > max) {
                throw error(column, max == Long.MAX_VALUE ? number + " is below " + min + "."
                        : number + " is outside " + min + ".." + max + ".");
            }
            return number;
        }

        private byte[] secret() throws TokenFileException {
            String encodingColumn = value("secret_encoding").toLowerCase(Locale.ROOT);
            if (!encodingColumn.isEmpty() && !SeedEncoding.NAMES.contains(encodingColumn)) {
                throw error("secret_encoding", "'" + value("secret_encoding") + "' is not hex, base32 or base64.");
            }
            try {
                byte[] secret = SeedEncoding.decode(value("secret"), encodingColumn);
                if (secret.length == 0) {
                    throw error("secret", "the secret is empty.");
                }
                return secret;
            } catch (IllegalArgumentException e) {
                throw error("secret", e.getMessage());
            }
        }

        String value(String column) {
            Integer index = header.columns().get(column);
            return index == null ? "" : fields.get(index);
        }

        TokenFileException error(String column, String message) {
            return new TokenFileException("Line " + lineNumber + ", column '" + column + "': " + message);
        }
    }

    /** Turns the secret column into bytes. Its error messages describe the problem, never the value. */
    private static final class SeedEncoding {

        static final List<String> NAMES = List.of("hex", "base32", "base64");

        static byte[] decode(String raw, String declared) {
            String encoding = declared;
            String value = raw;
            int colon = raw.indexOf(':');
            if (colon >= 0) {
                String prefix = raw.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                if (!NAMES.contains(prefix)) {
                    throw new IllegalArgumentException("unknown prefix; use hex:, base32: or base64:.");
                }
                if (!declared.isEmpty() && !declared.equals(prefix)) {
                    throw new IllegalArgumentException("the " + prefix + ": prefix contradicts secret_encoding "
                            + declared + ".");
                }
                encoding = prefix;
                value = raw.substring(colon + 1);
            }
            value = value.replaceAll("\\s", "");
            if (encoding.isEmpty()) {
                encoding = guess(value);
            }
            return switch (encoding) {
                case "hex" -> hex(value);
                case "base32" -> base32(value.toUpperCase(Locale.ROOT));
                default -> base64(value);
            };
        }

        // Hex first: vendor CSVs mostly carry hex, and a hex string is often valid base32 too.
        private static String guess(String value) {
            if (value.matches("[0-9a-fA-F]+") && value.length() % 2 == 0) {
                return "hex";
            }
            if (value.matches("[A-Z2-7]+=*")) {
                return "base32";
            }
            throw new IllegalArgumentException("the secret is neither hex (an even number of 0-9, a-f) nor base32 "
                    + "(A-Z, 2-7); add a hex:, base32: or base64: prefix or a secret_encoding column.");
        }

        private static byte[] hex(String value) {
            if (!value.matches("[0-9a-fA-F]*") || value.length() % 2 != 0) {
                throw new IllegalArgumentException("the secret is not valid hex (an even number of 0-9, a-f).");
            }
            byte[] bytes = new byte[value.length() / 2];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) Integer.parseInt(value, 2 * i, 2 * i + 2, 16);
            }
            return bytes;
        }

        private static byte[] base32(String value) {
            String data = value.replaceAll("=+$", "");
            // A base32 string of 1, 3 or 6 characters past a full block cannot come from whole bytes.
            int rest = data.length() % 8;
            if (!data.matches("[A-Z2-7]*") || rest == 1 || rest == 3 || rest == 6) {
                throw new IllegalArgumentException("the secret is not valid base32 (A-Z, 2-7, optional = padding).");
            }
            byte[] bytes = new byte[data.length() * 5 / 8];
            int buffer = 0;
            int bits = 0;
            int n = 0;
            for (char c : data.toCharArray()) {
                buffer = (buffer << 5) | (c <= '7' ? c - '2' + 26 : c - 'A');
                bits += 5;
                if (bits >= 8) {
                    bits -= 8;
                    bytes[n++] = (byte) (buffer >>> bits);
                }
            }
            return bytes;
        }

        private static byte[] base64(String value) {
            try {
                return Base64.getDecoder().decode(value);
            } catch (IllegalArgumentException e) {
                // The decoder's own message quotes the offending character.
                throw new IllegalArgumentException("the secret is not valid base64.");
            }
        }
    }
}
