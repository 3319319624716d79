package dev.forensics.store.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The training run of the launcher's class-data archive (ADR-017): {@code bin/forensics-store} runs this class once
 * with {@code -XX:DumpLoadedClassList} when the archive is missing or older than the jar, and {@code -Xshare:dump}
 * makes a static archive of the classes listed, so that every later run maps the classes the common commands load
 * (picocli, Jdbi, Flyway, Jackson, sqlite-jdbc, ours) instead of loading and verifying them again. It runs those commands in-process on a scratch database in a temporary folder, prints nothing,
 * and deletes the folder. A command that fails here only makes the archive smaller; the exit code is 0 either way.
 */
public final class ClassDataTraining {
    private static final String ARTICLE =
            "{\"url\": \"https://training.invalid/%d\", \"title\": \"t\", \"author\": \"Zoë O'Brien\","
                    + " \"published_at\": \"2024-05-01T12:00:00Z\", \"body\": \"b\"}\n";

    private ClassDataTraining() {}

    /** Runs the training commands; takes no arguments. */
    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("forensics-store-cds");
        try {
            Path input = dir.resolve("articles.jsonl");
            StringBuilder lines = new StringBuilder();
            for (int i = 0; i < 3; i++) {
                lines.append(String.format(ARTICLE, i));
            }
            Files.writeString(input, lines, StandardCharsets.UTF_8);
            String db = dir.resolve("training.db").toString();
            String url = "https://training.invalid/1";
            for (List<String> command : List.of(
                    List.of("--db", db, "ingest", input.toString()),
                    List.of("--db", db, "ingest", "--update", input.toString()),
                    List.of("--db", db, "cache", "put", "--url", url, "--model", "m"),
                    List.of("--db", db, "cache", "get", "--url", url, "--model", "m"),
                    List.of("--db", db, "cache", "stats"),
                    List.of("--db", db, "stats"),
                    List.of("--db", db, "stats", "--json"),
                    List.of("--db", db, "check"),
                    List.of("--db", db, "articles", "show", url),
                    List.of("--db", db, "articles", "list"),
                    List.of("--db", db, "info"),
                    List.of("--db", db, "nonexistent-command"),
                    List.of("--help"))) {
                run(command);
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(ClassDataTraining::delete);
            }
        }
    }

    private static void run(List<String> command) {
        PrintWriter nowhere = new PrintWriter(OutputStream.nullOutputStream(), true);
        Main main = new Main(new ByteArrayInputStream("{\"verdict\": \"training\"}".getBytes(StandardCharsets.UTF_8)));
        Main.commandLine(main, nowhere, nowhere).execute(command.toArray(String[]::new));
    }

    private static void delete(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
