package io.pipelinehealth.transition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StrictUtf8ReaderTest {

    /** Many multi-byte characters, so some straddle the 8 KB read boundary, read one char at a time. */
    @Test
    void decodesWhatUtf8EncodesWhateverTheReadSizes() throws IOException {
        String text = "a\u00e9\u20ac\uD83D\uDE00\n".repeat(3000);
        byte[] body = ("\uFEFF" + text).getBytes(StandardCharsets.UTF_8);
        assertEquals(text, readAll(new StrictUtf8Reader(trickle(body)), 1));
        assertEquals(text, readAll(new StrictUtf8Reader(new ByteArrayInputStream(body)), 10_000));
    }

    @Test
    void namesTheLineOfTheFirstByteThatIsNotUtf8() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("header\n".getBytes(StandardCharsets.UTF_8));
        body.writeBytes("row \u00e9\n".repeat(5000).getBytes(StandardCharsets.UTF_8));
        body.writeBytes(new byte[] {'x', (byte) 0xE9, 'y', '\n'});
        StrictUtf8Reader.NotUtf8 e = assertThrows(StrictUtf8Reader.NotUtf8.class,
                () -> readAll(new StrictUtf8Reader(new ByteArrayInputStream(body.toByteArray())), 100));
        assertEquals(5002, e.line);
        // an encoded lone surrogate (ED A0 80) is not UTF-8 either
        assertThrows(StrictUtf8Reader.NotUtf8.class, () -> readAll(new StrictUtf8Reader(
                new ByteArrayInputStream(new byte[] {'s', (byte) 0xED, (byte) 0xA0, (byte) 0x80})), 100));
        // nor is a sequence cut short by the end of the body
        assertThrows(StrictUtf8Reader.NotUtf8.class, () -> readAll(new StrictUtf8Reader(
                new ByteArrayInputStream(new byte[] {'s', (byte) 0xE2, (byte) 0x82})), 100));
    }

    private static String readAll(Reader reader, int chunk) throws IOException {
        StringBuilder sb = new StringBuilder();
        char[] buffer = new char[chunk];
        for (int n = reader.read(buffer, 0, chunk); n >= 0; n = reader.read(buffer, 0, chunk)) {
            sb.append(buffer, 0, n);
        }
        return sb.toString();
    }

    /** A stream that hands out at most 7 bytes per read, like a slow network. */
    private static InputStream trickle(byte[] body) {
        return new ByteArrayInputStream(body) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 7));
            }
        };
    }
}
