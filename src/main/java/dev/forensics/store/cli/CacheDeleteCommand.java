package dev.forensics.store.cli;

import dev.forensics.store.Repository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cache delete --url U [--model M]}: removes the URL's entries of every model, or of one; exit 1 when there was none. */
@Command(
        name = "delete",
        description = {
            "Remove the cached analyses of a URL (every model's, or only --model's).",
            "Exit 1 when there was nothing to remove."
        })
final class CacheDeleteCommand extends StoreCommand {
    @Option(names = "--url", required = true, paramLabel = "URL", description = "The analysed article's URL.")
    private String url;

    @Option(
            names = "--model",
            paramLabel = "M",
            description = "Remove only the analysis made by this model/prompt version.")
    private String model;

    @Override
    public Integer call() {
        int deleted;
        try (Repository repo = new Repository(existingDatabase())) {
            deleted = model == null
                    ? repo.llmCache().delete(url)
                    : (repo.llmCache().delete(url, model) ? 1 : 0);
        }
        String what = url + (model == null ? "" : " by model " + model);
        if (deleted == 0) {
            throw new CliException(ExitCode.NOT_FOUND, "no cached analysis of " + what + " to delete");
        }
        out().println("deleted " + deleted + " cached analys" + (deleted == 1 ? "is" : "es") + " of " + what);
        return ExitCode.OK;
    }
}
