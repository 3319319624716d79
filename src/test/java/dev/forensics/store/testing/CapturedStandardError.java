package dev.forensics.store.testing;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Captures what this JVM writes to {@code System.err} while it is open (still passing it on), for tests of log lines:
 * the tests' SLF4J backend, slf4j-simple, looks {@code System.err} up at each write, so the real call site's line is
 * what is captured. {@link #close()} puts the original stream back.
 */
public final class CapturedStandardError implements AutoCloseable {
    private final PrintStream original;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    private CapturedStandardError() {
        original = System.err;
        OutputStream both = new OutputStream() {
            @Override
            public void write(int b) {
                captured.write(b);
                original.write(b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                captured.write(bytes, offset, length);
                original.write(bytes, offset, length);
            }
        };
        System.setErr(new PrintStream(both, true, StandardCharsets.UTF_8));
    }

    /** Starts capturing. */
    public static CapturedStandardError start() {
        return new CapturedStandardError();
    }

    /** The lines written since {@link #start()} that contain {@code text}. */
    public java.util.List<String> linesContaining(String text) {
        synchronized (captured) {
            return captured.toString(StandardCharsets.UTF_8)
                    .lines()
                    .filter(line -> line.contains(text))
                    .toList();
        }
    }

    /** Stops capturing. */
    @Override
    public void close() {
        System.setErr(original);
    }
}
