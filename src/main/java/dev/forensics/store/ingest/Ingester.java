package dev.forensics.store.ingest;

import dev.forensics.store.AsideBuild;
import dev.forensics.store.Database;
import dev.forensics.store.Remedy;
import dev.forensics.store.Repository;
import dev.forensics.store.Transaction;
import dev.forensics.store.article.NewArticle;
import dev.forensics.store.errors.DatabaseBusyException;
import dev.forensics.store.errors.InvalidInputException;
import dev.forensics.store.errors.SchemaNotMigratedException;
import dev.forensics.store.schema.Migrator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The batch scrape transaction: validates every line of the input before anything is committed (nothing is written
 * when a line is malformed, unless {@code skipInvalid}), migrates the database, then writes in transactions of
 * {@code batchSize} records, skipping URLs already stored unless {@code update}. Two cases write while validating,
 * committing nothing before the input is valid: a new file, built aside (ADR-019), and an input that fits one batch,
 * written in its one transaction (ADR-021). A kill at any moment leaves only whole batches;
 * running the same input again finishes the job without duplicates. The input is read once (its validated records are
 * spooled to a temporary file for the write pass, ADR-017) and at most {@link #CHUNK} records are held in memory.
 */
public final class Ingester {
    /** How many invalid lines an {@link InvalidInputException} lists; the rest are counted. */
    static final int LISTED_INVALID_LINES = 20;
    /** Records bound and sent to the database at a time inside one transaction; the most an ingest holds in memory. */
    static final int CHUNK = 1_000;

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
     * @throws dev.forensics.store.StoreException a typed subclass when the database fails; committed batches stay (in a
     *     new file, once it is published: before that nothing is left, not even the file, ADR-019);
     *     {@link dev.forensics.store.errors.StoreInterruptedException} when the calling thread is interrupted
     */
    public IngestSummary ingest(List<Path> files) {
        long started = System.nanoTime();
        ArticleLines.requireReadable(files);
        try (RecordSpool spool = RecordSpool.create()) {
            BackgroundValidation<Validation> validating = new BackgroundValidation<>(() -> {
                Validation result = validate(files, spool);
                spool.finish();
                return result;
            });
            validating.start(spool);
            Counts counts = new Counts();
            Validation validation;
            try {
                Optional<AsideBuild> aside = database.buildAsideIfNew();
                if (aside.isPresent()) {
                    try (AsideBuild build = aside.get()) {
                        validation = buildAside(build, validating, spool, counts);
                    }
                } else {
                    validation = writtenWhileValidated(validating, spool, counts)
                            .orElseGet(() -> validatedFirst(validating, spool));
                }
            } catch (RuntimeException e) {
                spool.cancel();
                throw validating.failureOr(e);
            }
            // An ingest of nothing (allowEmpty) migrates the database as any ingest does, as a new file gets migrated:
            // a 0-byte file or an older schema left as they were failed the CLI's final checkpoint (exit 3).
            if (counts.done < validation.valid || validation.valid == 0) {
                try (Repository repo = openMigrated()) {
                    while (counts.done < validation.valid) {
                        write(repo, spool, counts, validation.valid);
                    }
                }
            }
            return new IngestSummary(
                    validation.valid + validation.invalid,
                    counts.inserted,
                    counts.updated,
                    counts.skipped,
                    validation.invalid,
                    Duration.ofNanos(System.nanoTime() - started));
        }
    }

    /**
     * A new file (ADR-019): while the input is validated (on a thread of its own), the records validated so far are
     * written, in transactions of {@code batchSize}, into the private file of {@code build}, which nobody else can
     * see. Once the whole input is valid, the build is published under the database's name between two batches (for
     * the listener, as the commit of everything written so far); what is left is written into the published file as
     * usual. Invalid input, a failure or a kill before that leave nothing under the database's name.
     *
     * @return the validation; {@code counts} holds what the published file has (nothing when another process
     *         created the file meanwhile: then the spool is rewound and everything goes into that file)
     */
    private Validation buildAside(
            AsideBuild build, BackgroundValidation<Validation> validating, RecordSpool spool, Counts counts) {
        try (Repository repo = new Repository(build.database())) {
            while (!validating.isDone() && writeBatch(repo, spool, counts, options.batchSize(), BatchHooks.NONE) > 0) {
                // Private batches: committed in a file nobody sees until it is published.
            }
        }
        Validation validation = validating.await();
        listener.writing(validation.valid);
        listener.committing(0, validation.valid);
        if (!build.publish()) {
            counts.reset();
            spool.seek(0);
        }
        listener.committed(counts.done, validation.valid);
        return validation;
    }

    /**
     * An existing database whose schema is current, and an input that fits one batch (ADR-021): its records are written
     * while it is validated, in one transaction that commits only once the whole input is valid (an invalid line, a
     * failure or a kill roll it back: nothing of it is ever committed). Empty, with nothing written, when the database
     * is behind or nothing is valid, or when the input turns out to hold more than one batch: that transaction is then
     * rolled back, and the input is validated first as before. The write lock is taken at the first valid record and
     * held until the validation ends, but never longer than half the busy timeout while waiting for it: a validation
     * that outlasts that rolls the batch back too (the input is then validated first), so that another writer waiting
     * with the same busy timeout gets the lock instead of failing. A lock another writer holds for the whole busy
     * timeout does not fail the ingest either: it validates first and then waits for the lock as before.
     * The listener hears {@code writing} and {@code committing} just before the {@code COMMIT}, once the input is known
     * valid, so that a listener blocking there (the CLI after SIGTERM) keeps the batch from committing.
     */
    private Optional<Validation> writtenWhileValidated(
            BackgroundValidation<Validation> validating, RecordSpool spool, Counts counts) {
        if (!spool.hasNext()) {
            return Optional.empty();
        }
        Repository repo;
        try {
            repo = new Repository(database);
        } catch (SchemaNotMigratedException behind) {
            return Optional.empty();
        }
        List<Validation> valid = new ArrayList<>(1);
        Duration patience = database.options().busyTimeout().dividedBy(2);
        try (repo) {
            writeBatch(
                    repo, spool, counts, options.batchSize(), new BatchHooks(() -> spool.limitWaits(patience), () -> {
                        if (spool.hasNext()) {
                            throw new MoreThanOneBatch();
                        }
                        Validation validation = validating.await();
                        valid.add(validation);
                        listener.writing(validation.valid);
                        listener.committing(0, validation.valid);
                    }));
        } catch (MoreThanOneBatch | RecordSpool.WaitOutlasted abandoned) {
            return Optional.empty();
        } catch (DatabaseBusyException anotherWriter) {
            // Another writer held the lock for the whole busy timeout: validate first, then wait for it as before,
            // instead of failing where the validate-first ingest would have had its turn.
            return Optional.empty();
        } finally {
            spool.unlimitWaits();
        }
        listener.committed(counts.done, valid.get(0).valid);
        return Optional.of(valid.get(0));
    }

    /** The whole input validated before anything is written (the database is migrated meanwhile if it is behind). */
    private Validation validatedFirst(BackgroundValidation<Validation> validating, RecordSpool spool) {
        rehearseMigrationIfBehind();
        Validation validation = validating.await();
        listener.writing(validation.valid);
        spool.rewind();
        return validation;
    }

    /**
     * The validation pass, the only one that reads the input: each line is parsed once, and its record goes to the
     * spool that the write pass reads (ADR-017).
     */
    private Validation validate(List<Path> files, RecordSpool spool) {
        Validation validation = new Validation();
        ArticleLines.forEach(files, parsed -> {
            listener.validating(validation.valid + validation.invalid + 1);
            ArticleLines.Line line = storableHere(parsed);
            if (line.valid()) {
                validation.valid++;
                spool.append(line.record());
                return;
            }
            validation.invalid++;
            if (options.skipInvalid()) {
                listener.skipped(line.invalid());
            } else if (validation.listed.size() < LISTED_INVALID_LINES) {
                validation.listed.add(line.invalid());
            }
        });
        if (validation.invalid == 0 && validation.valid == 0 && !options.allowEmpty()) {
            throw new InvalidInputException(
                    files.stream().map(Path::toString).collect(Collectors.joining(", "))
                            + (files.size() == 1 ? " holds" : " hold")
                            + " no article (empty, or blank lines only); nothing was written",
                    Remedy.ALLOW_EMPTY_INPUT,
                    null);
        }
        if (validation.invalid > 0 && !options.skipInvalid()) {
            throw new InvalidIngestInputException(validation.listed, validation.invalid);
        }
        if (validation.invalid > 0 && validation.valid == 0) {
            // Nothing valid is not a successful ingest, even when invalid lines may be skipped.
            throw new InvalidInputException(
                    "all " + validation.invalid + " non-blank line" + (validation.invalid == 1 ? " is" : "s are")
                            + " invalid (reported above and skipped); nothing was written: fix the input");
        }
        return validation;
    }

    /**
     * {@code line}, or when one of its texts is valid input that this database cannot store (U+0000 on PostgreSQL,
     * {@link Database#unstorableText}), the line as invalid, naming the field: refused before anything is written, as
     * any malformed line, instead of failing the batch that would write it.
     */
    private ArticleLines.Line storableHere(ArticleLines.Line line) {
        if (!line.valid()) {
            return line;
        }
        ArticleRecord record = line.record();
        String why = unstorable("url", record.url());
        why = why != null ? why : unstorable("title", record.title());
        why = why != null ? why : unstorable("author", record.author());
        why = why != null ? why : unstorable("author_slug", record.authorSlug());
        why = why != null ? why : unstorable("body", record.body());
        return why == null ? line : new ArticleLines.Line(line.file(), line.number(), null, why);
    }

    /** Why this database cannot store the field's text, with the field named, or {@code null} when it can. */
    private String unstorable(String field, String text) {
        return text == null
                ? null
                : database.unstorableText(text)
                        .map(reason -> field + " " + reason)
                        .orElse(null);
    }

    /**
     * While the input is validated, on the second core: when the database is behind (a new file, mostly), a rehearsal of
     * the migrations on a throwaway database loads and compiles Flyway, so that the migration after the validation
     * takes a tenth of the time (ADR-017). Nothing of the database changes before the input is valid.
     */
    private void rehearseMigrationIfBehind() {
        try (Repository current = new Repository(database)) {
            return; // current: the write pass opens it without Flyway
        } catch (SchemaNotMigratedException behind) {
            Migrator.rehearseInBackground(database);
        } catch (RuntimeException unusable) {
            // Reported where it matters: when the write pass opens the database, after the validation.
        }
    }

    /**
     * The database, migrated only when it is behind: opening checks the schema version with one query, so an ingest
     * into a current database never starts Flyway (ADR-017).
     */
    private Repository openMigrated() {
        try {
            return new Repository(database);
        } catch (SchemaNotMigratedException behind) {
            Migrator.migrate(database);
            return new Repository(database);
        }
    }

    /**
     * One transaction of up to {@code batchSize} records from the spool, between the listener's {@code committing} and
     * {@code committed}.
     */
    private void write(Repository repo, RecordSpool spool, Counts counts, long total) {
        listener.committing(counts.done, total);
        writeBatch(repo, spool, counts, Math.min(options.batchSize(), total - counts.done), BatchHooks.NONE);
        listener.committed(counts.done, total);
    }

    /**
     * One transaction of up to {@code size} records from the spool (fewer when it ends), written in chunks of
     * {@link #CHUNK}, so that memory is bounded by the chunk whatever the batch size (a whole file in one transaction
     * included). The lambda starts from the batch's first record each time it runs, so a busy retry (ADR-007) writes the
     * same records. Counted only once committed; returns how many records the batch held. {@code hooks} run first and
     * last in the transaction; what they throw rolls the batch back.
     */
    private long writeBatch(Repository repo, RecordSpool spool, Counts counts, long size, BatchHooks hooks) {
        long first = spool.position();
        Counts batch = repo.transaction(tx -> {
            hooks.begun().run();
            if (spool.position() != first) {
                spool.seek(first);
            }
            Counts written = new Counts();
            Map<String, AuthorWritten> authors = new HashMap<>();
            List<ArticleRecord> chunk = new ArrayList<>((int) Math.min(CHUNK, size));
            for (long i = 0; i < size; i++) {
                ArticleRecord record = spool.next();
                if (record == null) {
                    break;
                }
                chunk.add(record);
                written.done++;
                if (chunk.size() == CHUNK) {
                    writeChunk(tx, chunk, written, authors);
                    chunk.clear();
                }
            }
            if (!chunk.isEmpty()) {
                writeChunk(tx, chunk, written, authors);
            }
            hooks.beforeCommit().run();
            return written;
        });
        // A rollback throws past this point and counts nothing.
        counts.inserted += batch.inserted;
        counts.updated += batch.updated;
        counts.skipped += batch.skipped;
        counts.done += batch.done;
        return batch.done;
    }

    /**
     * Part of one transaction: the stored URLs are read under the write lock, so concurrent ingests never double-count
     * (PostgreSQL has no such lock: there a URL another ingest commits after the lookup is skipped by the insert itself,
     * {@code ArticleDao.insertAllNew}, and counted skipped, not overwritten).
     * The outcome is that of writing the records one at a time in input order, whatever the batch size: a URL seen
     * before (stored, earlier in the transaction, or earlier in the chunk) is skipped, or with {@code update} replaced
     * (the last version wins); an author's name is the one of the last record written for the slug. {@code authors}
     * holds what this transaction already upserted, so an author is written again only when its name changed (before,
     * each chunk upserted each of its authors again: 25,000 upserts for 50,000 articles by 500 authors).
     */
    private void writeChunk(
            Transaction tx, List<ArticleRecord> chunk, Counts counts, Map<String, AuthorWritten> authors) {
        Set<String> stored = tx.articles()
                .findStoredUrls(chunk.stream().map(ArticleRecord::url).collect(Collectors.toSet()));
        Map<String, ArticleRecord> written = new LinkedHashMap<>();
        long inserted = 0;
        long updated = 0;
        for (ArticleRecord record : chunk) {
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
        authorNames.forEach((slug, name) -> {
            AuthorWritten known = authors.get(slug);
            if (known == null || !known.name().equals(name)) {
                authors.put(slug, new AuthorWritten(tx.authors().upsert(slug, name), name));
            }
        });
        List<NewArticle> articles = new ArrayList<>(written.size());
        for (ArticleRecord record : written.values()) {
            articles.add(new NewArticle(
                    record.url(),
                    authors.get(record.authorSlug()).id(),
                    record.title(),
                    record.publishedAt(),
                    record.body(),
                    record.bodySha256()));
        }
        if (options.update()) {
            tx.articles().upsertAll(articles);
        } else {
            // Only new URLs: one another writer committed since the lookup (PostgreSQL) is skipped, not overwritten.
            inserted = tx.articles().insertAllNew(articles);
        }
        counts.inserted += inserted;
        counts.updated += updated;
        counts.skipped += chunk.size() - inserted - updated;
    }

    /**
     * An author upserted in the current transaction.
     *
     * @param id   its id
     * @param name the name written
     */
    private record AuthorWritten(long id, String name) {}

    /**
     * What a batch's transaction runs besides its records.
     *
     * @param begun        first, once the write lock is taken
     * @param beforeCommit last, before the {@code COMMIT}
     */
    private record BatchHooks(Runnable begun, Runnable beforeCommit) {
        static final BatchHooks NONE = new BatchHooks(() -> {}, () -> {});
    }

    /** Rolls back a batch written while validating once the input turns out to hold more than one batch (ADR-021). */
    private static final class MoreThanOneBatch extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MoreThanOneBatch() {
            super("the input holds more than one batch", null, false, false);
        }
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

        void reset() {
            done = 0;
            inserted = 0;
            updated = 0;
            skipped = 0;
        }
    }
}
