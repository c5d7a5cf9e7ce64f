package org.gan4j.torch;

import java.io.ByteArrayOutputStream;

/** Decoding of the text forms that protocol 0 pickles (Python 2 era) use for strings. */
final class PickleText {

    private PickleText() {
    }

    /** A Python 2 {@code repr(str)}, quotes included, as its bytes (STRING opcode). */
    static byte[] quotedString(String line) {
        String s = line.trim();
        if (s.length() < 2 || s.charAt(0) != s.charAt(s.length() - 1) || (s.charAt(0) != '\'' && s.charAt(0) != '"')) {
            throw new PtFormatError("corrupt pickle (a STRING without quotes)");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 1; i < s.length() - 1; i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                out.write(c);
                continue;
            }
            if (++i >= s.length() - 1) {
                throw new PtFormatError("corrupt pickle (a STRING ends in a backslash)");
            }
            char e = s.charAt(i);
            switch (e) {
                case 'n' -> out.write('\n');
                case 't' -> out.write('\t');
                case 'r' -> out.write('\r');
                case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                    int end = i;
                    while (end < s.length() - 1 && end < i + 3 && s.charAt(end) >= '0' && s.charAt(end) <= '7') {
                        end++;
                    }
                    out.write(Integer.parseInt(s.substring(i, end), 8));
                    i = end - 1;
                }
                case 'x' -> {
                    out.write(hex(s, i + 1, 2));
                    i += 2;
                }
                default -> out.write(e); // \\ \' \"
            }
        }
        return out.toByteArray();
    }

    /** Python's raw-unicode-escape (UNICODE opcode): only backslash-u and backslash-U are escapes. */
    static String rawUnicodeEscape(String line) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length() && (line.charAt(i + 1) == 'u' || line.charAt(i + 1) == 'U')) {
                int n = line.charAt(i + 1) == 'u' ? 4 : 8;
                b.appendCodePoint(hex(line, i + 2, n));
                i += 1 + n;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    private static int hex(String s, int from, int digits) {
        if (from + digits > s.length()) {
            throw new PtFormatError("corrupt pickle (a short escape sequence)");
        }
        try {
            return Integer.parseUnsignedInt(s.substring(from, from + digits), 16);
        } catch (NumberFormatException e) {
            throw new PtFormatError("corrupt pickle (a bad escape sequence)");
        }
    }
}
