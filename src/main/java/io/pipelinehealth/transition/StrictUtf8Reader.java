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
        CharBuffer out = CharBuffer.wrap(buffer, offset, length);
        while (out.position() == offset && !flushed) {
            CoderResult result = decoder.decode(bytes, out, endOfInput);
            if (result.isError()) {
                countLines(buffer, offset, out.position());
                throw new NotUtf8(line);
            }
            if (result.isUnderflow() && out.position() == offset) {
                if (endOfInput) {
                    decoder.flush(out);
                    flushed = true;
                } else {
                    fill();
                }
            }
        }
        int end = out.position();
        if (end == offset) {
            return -1;
        }
        countLines(buffer, offset, end);
        if (start) {
            start = false;
            if (buffer[offset] == '\uFEFF') {
                System.arraycopy(buffer, offset + 1, buffer, offset, end - offset - 1);
                return end - offset - 1 == 0 ? read(buffer, offset, length) : end - offset - 1;
            }
        }
        return end - offset;
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

    private void countLines(char[] buffer, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buffer[i] == '\n') {
                line++;
            }
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
