package dev.forensics.store.cli;

import dev.forensics.store.Repository;
import dev.forensics.store.llmcache.CachedAnalysis;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cache get --url U [--model M]}: prints the cached analysis JSON (without --model, the most recently cached of any model); exit 1 on a miss. */
@Command(
        name = "get",
        description = {
            "Print the cached analysis of a URL (JSON); exit 1 when there is none.",
            "Without --model: the most recently cached analysis of any model."
        })
final class CacheGetCommand extends StoreCommand {
    @Option(names = "--url", required = true, paramLabel = "URL", description = "The analysed article's URL.")
    private String url;

    @Option(
            names = "--model",
            paramLabel = "M",
            description = "Only an analysis made by this model/prompt version counts as a hit.")
    private String model;

    @Override
    public Integer call() {
        Optional<CachedAnalysis> hit;
        try (Repository repo = new Repository(existingDatabase())) {
            hit = model == null ? repo.llmCache().get(url) : repo.llmCache().get(url, model);
        }
        CachedAnalysis analysis = hit.orElseThrow(() -> new CliException(
                ExitCode.NOT_FOUND, "no cached analysis of " + url + (model == null ? "" : " by model " + model)));
        out().println(analysis.analysisJson());
        return ExitCode.OK;
    }
}
