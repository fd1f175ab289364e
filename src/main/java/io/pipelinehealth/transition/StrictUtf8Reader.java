package io.pipelinehealth.transition;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes a body as UTF-8 and fails on the first byte sequence that is not UTF-8, naming its
 * line, instead of storing U+FFFD in its place as a replacing decoder would. A leading byte
 * order mark, which spreadsheet exports often write, is skipped.
 */
final class StrictUtf8Reader extends Reader {

    /** Not UTF-8 at {@code line} (1-based, counting the header). */
    static final class NotUtf8 extends IOException {
        final int line;

        NotUtf8(int line) {
            super("line " + line + " is not valid UTF-8");
            this.line = line;
        }
    }

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(8192).flip();
    // decoded characters not yet read; large enough that a surrogate pair always fits
    private final CharBuffer chars = CharBuffer.allocate(8192).flip();
    private boolean endOfInput;
    private boolean flushed;
    private boolean start = true;
    private int line = 1;

    StrictUtf8Reader(InputStream in) {
        this.in = in;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (!chars.hasRemaining() && !decodeMore()) {
            return -1;
        }
        int n = Math.min(length, chars.remaining());
        chars.get(buffer, offset, n);
        return n;
    }

    /** Decodes the next characters into {@code chars}; false at the end of the input. */
    private boolean decodeMore() throws IOException {
        while (!flushed) {
            chars.clear();
            CoderResult result = decoder.decode(bytes, chars, endOfInput);
            if (result.isError()) {
                countLines(chars.flip());
                throw new NotUtf8(line);
            }
            if (result.isUnderflow() && chars.position() == 0) {
                if (endOfInput) {
                    decoder.flush(chars);
                    flushed = true;
                } else {
                    fill();
                }
            }
            chars.flip();
            countLines(chars);
            if (start && chars.hasRemaining()) {
                start = false;
                if (chars.get(0) == '\uFEFF') {
                    chars.position(1);
                }
            }
            if (chars.hasRemaining()) {
                return true;
            }
        }
        return false;
    }

    private void fill() throws IOException {
        bytes.compact();
        int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (n < 0) {
            endOfInput = true;
        } else {
            bytes.position(bytes.position() + n);
        }
        bytes.flip();
    }

    private void countLines(CharBuffer decoded) {
        for (int i = decoded.position(); i < decoded.limit(); i++) {
            if (decoded.get(i) == '\n') {
                line++;
            }
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
