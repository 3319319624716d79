package dev.forensics.store.ingest;

import dev.forensics.store.errors.InvalidInputException;
import dev.forensics.store.errors.StoreInterruptedException;
import dev.forensics.store.internal.Sha256;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;

/**
 * The validated records of one ingest, in a temporary file of the JVM's temporary folder (ADR-017): the validation pass
 * parses each JSON line once and appends its record here, and the write pass reads the records back instead of parsing
 * the input a second time. The input is therefore read exactly once, so a pipe works as well as a file. Binary, length
 * prefixed UTF-8 (text is already validated, so it round-trips); a reader can go back to a {@link #position()}, which
 * lets a transaction lambda that is run again (busy retry, ADR-007) read the same records again. The spool deletes its
 * file on {@link #close()}; whoever creates it closes it.
 *
 * <p>One thread may append while another reads (ADR-019: a new file is written while its input is still validated):
 * the reader sees what the appender has handed to the file and waits for more until {@link #finish()} or
 * {@link #fail(RuntimeException)}; {@link #cancel()} makes the appender stop.
 */
final class RecordSpool implements AutoCloseable {
    private static final int BUFFER = 1 << 16;
    private final Path file;
    private final FileChannel channel;
    private final DataOutputStream out;
    private DataInputStream in;
    private long readPosition;
    private long records;
    // What the appender has handed to the file so far, and how appending ended; guarded by this.
    private long appended;
    private boolean finished;
    private RuntimeException failure;
    // When a reader waiting for the appender gives up (System.nanoTime()), if waitsLimited; guarded by this.
    private boolean waitsLimited;
    private long readerGivesUpAt;
    private volatile boolean cancelled;

    private RecordSpool(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
        this.out = new DataOutputStream(new BufferedOutputStream(new Appender(), BUFFER));
    }

    /**
     * Creates an empty spool.
     *
     * @throws InvalidInputException when the temporary folder cannot hold it (the message says which folder)
     */
    static RecordSpool create() {
        Path file = null;
        try {
            file = Files.createTempFile("forensics-store-ingest", ".spool");
            return new RecordSpool(
                    file,
                    FileChannel.open(
                            file,
                            StandardOpenOption.READ,
                            StandardOpenOption.WRITE,
                            StandardOpenOption.DELETE_ON_CLOSE));
        } catch (IOException e) {
            deleteQuietly(file, e);
            throw new InvalidInputException(
                    "cannot create the ingest's temporary file in " + System.getProperty("java.io.tmpdir") + ": "
                            + e.getMessage() + "; free space there or set -Djava.io.tmpdir",
                    e);
        }
    }

    /** How many records were appended. */
    long records() {
        return records;
    }

    /**
     * Appends one record; only before {@link #finish()}.
     *
     * @throws CancellationException once {@link #cancel()} was called: the reader gave up
     */
    void append(ArticleRecord record) {
        if (cancelled) {
            throw new CancellationException("the ingest's writer stopped");
        }
        try {
            writeText(record.url());
            writeText(record.title());
            writeText(record.author());
            writeText(record.authorSlug());
            Instant published = record.publishedAt();
            out.writeBoolean(published != null);
            if (published != null) {
                out.writeLong(published.getEpochSecond());
                out.writeInt(published.getNano());
            }
            writeBodyAndItsHash(record.body());
            records++;
        } catch (IOException e) {
            throw spoolFailed(e);
        }
    }

    /** Ends appending and reads from the first record. */
    void rewind() {
        finish();
        seek(0);
    }

    /** Ends appending: a reader gets {@code null} after the last record instead of waiting for more. */
    void finish() {
        try {
            out.flush();
        } catch (IOException e) {
            throw spoolFailed(e);
        }
        synchronized (this) {
            finished = true;
            notifyAll();
        }
    }

    /** Ends appending with {@code cause}: a reader waiting for more, or asking later, gets it thrown. */
    synchronized void fail(RuntimeException cause) {
        failure = cause;
        notifyAll();
    }

    /**
     * From now on, a reader that would still be waiting for the appender {@code patience} from now throws
     * {@link WaitOutlasted} instead (ADR-021: a batch written while validating gives the write lock back rather than
     * hold it through a long validation); {@link #unlimitWaits()} ends that.
     */
    synchronized void limitWaits(Duration patience) {
        waitsLimited = true;
        readerGivesUpAt = System.nanoTime() + patience.toNanos();
    }

    /** A reader waits for the appender as long as it takes again. */
    synchronized void unlimitWaits() {
        waitsLimited = false;
    }

    /** Tells the appender to stop: its next {@link #append} throws. */
    void cancel() {
        cancelled = true;
    }

    /** Where the next {@link #next()} reads, for {@link #seek(long)}. */
    long position() {
        return readPosition;
    }

    /** Reads from {@code position}, a value {@link #position()} returned. */
    void seek(long position) {
        readPosition = position;
        in = new DataInputStream(new BufferedInputStream(new Reader(position), BUFFER));
    }

    /**
     * The next record, or {@code null} after the last one; waits while the appender is still at work.
     *
     * @throws RuntimeException what the appender {@linkplain #fail failed} with
     * @throws StoreInterruptedException when this thread is interrupted (its flag is left set)
     * @throws WaitOutlasted when it would wait beyond a limit set by {@link #limitWaits(Duration)}
     */
    ArticleRecord next() {
        try {
            if (in == null) {
                seek(0);
            }
            String url;
            try {
                url = readText();
            } catch (EOFException end) {
                return null;
            }
            String title = readText();
            String author = readText();
            String slug = readText();
            boolean hasPublished = in.readBoolean();
            Instant published = hasPublished ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
            readPosition += hasPublished ? 1 + 8 + 4 : 1;
            String body = readText();
            return new ArticleRecord(url, title, author, slug, published, body, readText());
        } catch (InterruptedIOException | ClosedByInterruptException e) {
            throw interrupted(e);
        } catch (IOException e) {
            throw spoolFailed(e);
        }
    }

    /**
     * Whether a record follows the read position: waits, like {@link #next()}, while the appender is still at work and
     * has handed nothing beyond it; {@code false} once appending {@linkplain #finish() finished} there.
     *
     * @throws RuntimeException what the appender {@linkplain #fail failed} with
     * @throws StoreInterruptedException when this thread is interrupted (its flag is left set)
     * @throws WaitOutlasted when it would wait beyond a limit set by {@link #limitWaits(Duration)}
     */
    boolean hasNext() {
        try {
            return awaitBeyond(readPosition) > readPosition;
        } catch (InterruptedIOException e) {
            throw interrupted(e);
        } catch (IOException e) {
            throw spoolFailed(e);
        }
    }

    /** Deletes the file; idempotent. */
    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing the ingest's temporary file " + file, e);
        }
    }

    private void writeText(String text) throws IOException {
        if (text == null) {
            out.writeInt(-1);
            return;
        }
        writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    private void writeBytes(byte[] utf8) throws IOException {
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    /**
     * The body, then its SHA-256 hex, hashed from the bytes just encoded for the spool: the writer, the busier of the
     * ingest's two threads, no longer encodes and hashes every body again (ADR-022).
     */
    private void writeBodyAndItsHash(String body) throws IOException {
        if (body == null) {
            writeText(null);
            writeText(null);
            return;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        writeBytes(bytes);
        writeText(Sha256.hex(bytes));
    }

    private String readText() throws IOException {
        int length = in.readInt();
        if (length < 0) {
            readPosition += 4;
            return null;
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        readPosition += 4 + length;
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Hands the buffered records to the file and tells a waiting reader how far it may read. */
    private final class Appender extends OutputStream {
        private long position;

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
            while (buffer.hasRemaining()) {
                position += channel.write(buffer, position);
            }
            synchronized (RecordSpool.this) {
                appended = position;
                RecordSpool.this.notifyAll();
            }
        }
    }

    /** Reads the file from a position without moving the channel's, waiting for the appender when it gets ahead. */
    private final class Reader extends InputStream {
        private long position;

        Reader(long position) {
            this.position = position;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            long available = awaitBeyond(position);
            if (available <= position) {
                return -1;
            }
            int n = channel.read(
                    ByteBuffer.wrap(bytes, offset, (int) Math.min(length, available - position)), position);
            if (n > 0) {
                position += n;
            }
            return n;
        }
    }

    /** How far the file may be read once it holds more than {@code position} or appending ended. */
    private synchronized long awaitBeyond(long position) throws IOException {
        while (appended <= position && !finished && failure == null) {
            try {
                if (!waitsLimited) {
                    wait();
                    continue;
                }
                long left = readerGivesUpAt - System.nanoTime();
                if (left <= 0) {
                    throw new WaitOutlasted();
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for validated records");
            }
        }
        if (failure != null) {
            throw failure;
        }
        return appended;
    }

    /** Thread.interrupt() (a Future cancelled, say) on the reading thread: a request to stop, not a failure. */
    private static StoreInterruptedException interrupted(IOException e) {
        Thread.currentThread().interrupt();
        return new StoreInterruptedException(
                "the ingest's thread was interrupted while it read its validated records: it stopped, the"
                        + " transaction in progress was rolled back; run the ingest again to finish the job",
                e);
    }

    private InvalidInputException spoolFailed(IOException e) {
        return new InvalidInputException(
                "the ingest's temporary file " + file + " failed: " + e.getMessage() + "; free space in "
                        + file.getParent() + " or set -Djava.io.tmpdir, then run the command again",
                e);
    }

    private static void deleteQuietly(Path file, IOException failure) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    /** A reader's wait outlasted the limit set by {@link #limitWaits(Duration)}: the appender is still at work. */
    static final class WaitOutlasted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        WaitOutlasted() {
            super("the validation outlasted the reader's patience", null, false, false);
        }
    }
}
