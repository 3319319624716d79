package dev.forensics.store.ingest;

import dev.forensics.store.errors.InvalidInputException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The validated records of one ingest, in a temporary file of the JVM's temporary folder (ADR-017): the validation pass
 * parses each JSON line once and appends its record here, and the write pass reads the records back instead of parsing
 * the input a second time. The input is therefore read exactly once, so a pipe works as well as a file. Binary, length
 * prefixed UTF-8 (text is already validated, so it round-trips); a reader can go back to a {@link #position()}, which
 * lets a transaction lambda that is run again (busy retry, ADR-007) read the same records again. The spool deletes its
 * file on {@link #close()}; whoever creates it closes it.
 */
final class RecordSpool implements AutoCloseable {
    private static final int BUFFER = 1 << 16;
    private final Path file;
    private final FileChannel channel;
    private final DataOutputStream out;
    private DataInputStream in;
    private long readPosition;
    private long records;

    private RecordSpool(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
        this.out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER));
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

    /** Appends one record; only before the first {@link #rewind()}. */
    void append(ArticleRecord record) {
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
            writeText(record.body());
            records++;
        } catch (IOException e) {
            throw spoolFailed(e);
        }
    }

    /** Ends appending and reads from the first record. */
    void rewind() {
        try {
            out.flush();
        } catch (IOException e) {
            throw spoolFailed(e);
        }
        seek(0);
    }

    /** Where the next {@link #next()} reads, for {@link #seek(long)}. */
    long position() {
        return readPosition;
    }

    /** Reads from {@code position}, a value {@link #position()} returned. */
    void seek(long position) {
        try {
            channel.position(position);
            readPosition = position;
            in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel), BUFFER));
        } catch (IOException e) {
            throw spoolFailed(e);
        }
    }

    /** The next record, or {@code null} after the last one. */
    ArticleRecord next() {
        try {
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
            return new ArticleRecord(url, title, author, slug, published, readText());
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
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
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
}
