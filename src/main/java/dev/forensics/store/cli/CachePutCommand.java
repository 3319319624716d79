package dev.forensics.store.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.forensics.store.Repository;
import dev.forensics.store.llmcache.CachedAnalysis;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code cache put --url U [--model M] [--file F]}: caches the JSON read from the file or standard input; rejects non-JSON (exit 2). */
@Command(name = "put", description = "Cache an analysis (JSON from --file, else standard input), replacing any for the URL.")
final class CachePutCommand extends StoreCommand {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    @Option(names = "--url", required = true, paramLabel = "URL", description = "The analysed article's URL.")
    private String url;

    @Option(names = "--model", paramLabel = "M", description = "The model/prompt version that made the analysis.")
    private String model = CachedAnalysis.NO_MODEL;

    @Option(names = "--file", paramLabel = "F", description = "Read the JSON from this file instead of standard input.")
    private Path file;

    @Override
    public Integer call() {
        String json = readInput().strip();
        String source = file != null ? file.toString() : "standard input";
        requireJson(json, source);
        try (Repository repo = new Repository(existingDatabase())) {
            repo.llmCache().put(url, json, model);
        }
        out().println("cached " + json.getBytes(StandardCharsets.UTF_8).length + " bytes of analysis for " + url
                + (model.isEmpty() ? "" : " by model " + model));
        return ExitCode.OK;
    }

    private String readInput() {
        try {
            if (file != null) {
                return Files.readString(file, StandardCharsets.UTF_8);
            }
            InputStream in = main().stdin();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException(ExitCode.BAD_INPUT, "cannot read " + (file != null ? file : "standard input") + ": " + e.getMessage());
        }
    }

    private static void requireJson(String json, String source) {
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw new CliException(ExitCode.BAD_INPUT, source + " is empty: give the analysis as JSON");
            }
        } catch (JsonProcessingException e) {
            throw new CliException(ExitCode.BAD_INPUT, source + " is not JSON (" + e.getOriginalMessage().lines().findFirst().orElse("")
                    + "); nothing was cached");
        }
    }
}
