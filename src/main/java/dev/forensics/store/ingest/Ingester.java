package dev.forensics.store.ingest;

import dev.forensics.store.Database;
import dev.forensics.store.Repository;
import dev.forensics.store.Transaction;
import dev.forensics.store.article.NewArticle;
import dev.forensics.store.errors.InvalidInputException;
import dev.forensics.store.schema.Migrator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The batch scrape transaction: validates every line of the input first (nothing is written when a line is
 * malformed, unless {@code skipInvalid}), migrates the database, then writes in transactions of {@code batchSize}
 * records, skipping URLs already stored unless {@code update}. A kill at any moment leaves only whole batches;
 * running the same input again finishes the job without duplicates. The input is streamed twice, one batch held.
 */
public final class Ingester {
    /** How many invalid lines an {@link InvalidInputException} lists; the rest are counted. */
    static final int LISTED_INVALID_LINES = 20;

    private final Database database;
    private final IngestOptions options;
    private final IngestListener listener;

    /** An ingester into {@code database}; the ingest opens and closes its own Repository. */
    public Ingester(Database database, IngestOptions options, IngestListener listener) {
        this.database = database;
        this.options = options;
        this.listener = listener;
    }

    /**
     * Ingests the JSON Lines {@code files} in order.
     *
     * @throws InvalidInputException when a file cannot be read, or a line is malformed and {@code skipInvalid} is off
     *                               (nothing written); the message names {@code FILE:LINE}
     * @throws dev.forensics.store.StoreException a typed subclass when the database fails; committed batches stay
     */
    public IngestSummary ingest(List<Path> files) {
        long started = System.nanoTime();
        ArticleLines.requireReadable(files);
        Validation validation = validate(files);
        Migrator.migrate(database);
        Counts counts = new Counts();
        counts.invalid = validation.invalid;
        listener.writing(validation.valid);
        try (Repository repo = new Repository(database)) {
            List<ArticleRecord> batch = new ArrayList<>(options.batchSize());
            ArticleLines.forEach(files, line -> {
                if (!line.valid()) {
                    requireUnchanged(line, validation);
                    return;
                }
                batch.add(line.record());
                if (batch.size() == options.batchSize()) {
                    write(repo, batch, counts, validation.valid);
                }
            });
            write(repo, batch, counts, validation.valid);
        }
        long read = validation.valid + validation.invalid;
        return new IngestSummary(read, counts.inserted, counts.updated, counts.skipped, counts.invalid,
                Duration.ofNanos(System.nanoTime() - started));
    }

    private Validation validate(List<Path> files) {
        Validation validation = new Validation();
        ArticleLines.forEach(files, line -> {
            if (line.valid()) {
                validation.valid++;
                return;
            }
            validation.invalid++;
            if (options.skipInvalid()) {
                listener.skipped(line.invalid());
            } else if (validation.listed.size() < LISTED_INVALID_LINES) {
                validation.listed.add(line.invalid());
            }
        });
        if (validation.invalid > 0 && !options.skipInvalid()) {
            throw new InvalidIngestInputException(validation.listed, validation.invalid);
        }
        if (validation.invalid > 0 && validation.valid == 0) {
            // Nothing valid is not a successful ingest, even when invalid lines may be skipped.
            throw new InvalidInputException("all " + validation.invalid + " non-blank line" + (validation.invalid == 1 ? " is" : "s are")
                    + " invalid (reported above and skipped); nothing was written: fix the input");
        }
        return validation;
    }

    /** A line valid in the first pass and invalid in the second means the file changed under us. */
    private void requireUnchanged(ArticleLines.Line line, Validation validation) {
        if (!options.skipInvalid() || validation.invalid == 0) {
            throw new InvalidInputException(line.invalid() + "; the file changed during the ingest: whole batches were written, run the command again");
        }
    }

    private void write(Repository repo, List<ArticleRecord> batch, Counts counts, long total) {
        if (batch.isEmpty()) {
            return;
        }
        listener.committing(counts.done, total);
        repo.useTransaction(tx -> writeBatch(tx, batch, counts));
        counts.done += batch.size();
        batch.clear();
        listener.committed(counts.done, total);
    }

    /**
     * One transaction: the stored URLs are read under the write lock, so concurrent ingests never double-count. The
     * outcome is that of writing the batch's records one at a time in input order, whatever the batch size: a URL seen
     * before (stored, or earlier in the batch) is skipped, or with {@code update} replaced (the last version wins);
     * an author's name is the one of the last record written for the slug.
     */
    private void writeBatch(Transaction tx, List<ArticleRecord> batch, Counts counts) {
        Set<String> stored = tx.articles().findStoredUrls(batch.stream().map(ArticleRecord::url).collect(Collectors.toSet()));
        Map<String, ArticleRecord> written = new LinkedHashMap<>();
        long inserted = 0;
        long updated = 0;
        for (ArticleRecord record : batch) {
            boolean known = stored.contains(record.url()) || written.containsKey(record.url());
            if (known && !options.update()) {
                continue;
            }
            written.put(record.url(), record);
            if (known) {
                updated++;
            } else {
                inserted++;
            }
        }
        Map<String, String> authorNames = new LinkedHashMap<>();
        written.values().forEach(record -> authorNames.put(record.authorSlug(), record.author()));
        Map<String, Long> authorIds = new HashMap<>();
        authorNames.forEach((slug, name) -> authorIds.put(slug, tx.authors().upsert(slug, name)));
        List<NewArticle> articles = new ArrayList<>(written.size());
        for (ArticleRecord record : written.values()) {
            articles.add(new NewArticle(record.url(), authorIds.get(record.authorSlug()), record.title(), record.publishedAt(), record.body()));
        }
        tx.articles().upsertAll(articles);
        // Counted only once the lambda is done; a rollback throws past this point and counts nothing.
        counts.inserted += inserted;
        counts.updated += updated;
        counts.skipped += batch.size() - inserted - updated;
    }

    private static final class Validation {
        private long valid;
        private long invalid;
        private final List<InvalidLine> listed = new ArrayList<>();
    }

    private static final class Counts {
        private long done;
        private long inserted;
        private long updated;
        private long skipped;
        private long invalid;
    }
}
