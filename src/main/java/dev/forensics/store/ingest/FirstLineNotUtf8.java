package dev.forensics.store.ingest;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the line of a file that holds bytes that are not UTF-8, for the error message: a {@code BufferedReader}
 * decodes thousands of characters ahead of the line it returns, so the lines it had returned when decoding failed say
 * nothing precise (a bad byte on line 3,001 was reported at line 2,972). Read only once a file was found invalid.
 */
final class FirstLineNotUtf8 {
    private FirstLineNotUtf8() {}

    /**
     * The 1-based number of the first line of {@code file} that is not valid UTF-8, lines ending as
     * {@code BufferedReader.readLine} ends them ({@code \n}, {@code \r} or {@code \r\n}); {@code otherwise} when none is
     * found or the file cannot be read again.
     */
    static long in(Path file, long otherwise) {
        CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            long number = 1;
            boolean afterCarriageReturn = false;
            for (int b = in.read(); ; b = in.read()) {
                if (b == '\n' && afterCarriageReturn) {
                    afterCarriageReturn = false; // the \n of a \r\n: the line already ended
                    continue;
                }
                afterCarriageReturn = b == '\r';
                if (b == '\n' || b == '\r' || b < 0) {
                    try {
                        strict.reset().decode(ByteBuffer.wrap(line.toByteArray()));
                    } catch (CharacterCodingException invalid) {
                        return number;
                    }
                    if (b < 0) {
                        return otherwise;
                    }
                    line.reset();
                    number++;
                } else {
                    line.write(b);
                }
            }
        } catch (IOException unreadable) {
            return otherwise;
        }
    }
}
