package com.example.scraper;

import dev.forensics.store.Repository;
import dev.forensics.store.StoreOptions;
import dev.forensics.store.ingest.IngestListener;
import dev.forensics.store.ingest.IngestOptions;
import dev.forensics.store.ingest.IngestSummary;
import dev.forensics.store.ingest.Ingester;
import dev.forensics.store.llmcache.CachedAnalysis;
import dev.forensics.store.schema.MigrationReport;
import dev.forensics.store.sqlite.SqliteDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** What a scraper team writes on top of forensics-store: load a scrape, and analyse each article once. */
public final class ScrapeStore {
    private ScrapeStore() {}

    /** Creates or upgrades the database file. */
    public static MigrationReport prepare(Path db) {
        return Repository.migrate(db);
    }

    /** Loads a JSON Lines scrape into the database file (validated first; URLs already stored are skipped). */
    public static IngestSummary load(Path db, Path scrape) {
        return new Ingester(
                        new SqliteDatabase(db, StoreOptions.defaults()), IngestOptions.defaults(), IngestListener.NONE)
                .ingest(List.of(scrape));
    }

    /** The analysis of the article at {@code url} by {@code model}: from the cache, or computed once and cached. */
    public static String analysis(Repository repo, String url, String model, UnaryOperator<String> analyser) {
        Optional<CachedAnalysis> hit = repo.llmCache().get(url, model);
        if (hit.isPresent()) {
            return hit.get().analysisJson();
        }
        String body = repo.articles().findByUrl(url).orElseThrow().body();
        String json = analyser.apply(body);
        repo.llmCache().put(url, json, model);
        return json;
    }
}
