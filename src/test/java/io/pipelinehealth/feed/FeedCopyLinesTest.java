package io.pipelinehealth.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * COPY's binary framing stripped however PostgreSQL's messages split the stream (VisitFeedCsvTest
 * reads the real stream; this one splits it everywhere, with a header extension and a null).
 */
class FeedCopyLinesTest {

    @Test
    void theValuesBytesComeOutWhereverTheStreamIsSplit() throws IOException {
        ByteBuffer stream = ByteBuffer.allocate(200);
        stream.put("PGCOPY\n\377\r\n\0".getBytes(StandardCharsets.ISO_8859_1)).putInt(0).putInt(3).put(new byte[] {7, 7, 7});
        for (String line : new String[] {"a,\"b\"\n", "", "é\n"}) {
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            stream.putShort((short) 1).putInt(bytes.length).put(bytes);
        }
        stream.putShort((short) 1).putInt(-1); // a null value: nothing
        stream.putShort((short) -1);
        byte[] all = Arrays.copyOf(stream.array(), stream.position());
        for (int size = 1; size <= all.length; size++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            FeedCopy.Lines lines = new FeedCopy.Lines(out);
            for (int i = 0; i < all.length; i += size) {
                lines.write(Arrays.copyOfRange(all, i, Math.min(all.length, i + size)));
            }
            assertEquals("a,\"b\"\né\n", out.toString(StandardCharsets.UTF_8), "split every " + size + " bytes");
        }
    }
}
