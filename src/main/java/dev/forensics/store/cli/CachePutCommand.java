package dev.forensics.store.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.forensics.store.Repository;
import dev.forensics.store.ingest.InputRules;
import dev.forensics.store.llmcache.CachedAnalysis;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cache put --url U [--model M] [--file F]}: caches the JSON read from the file or standard input under
 * (URL, model), replacing only that model's entry; rejects
 * non-JSON, bytes that are not UTF-8, and a URL that {@code ingest} would refuse ({@link InputRules}), all with exit 2.
 */
@Command(
        name = "put",
        description =
                "Cache an analysis (JSON from --file, else standard input), replacing the URL's entry of the same model only.")
final class CachePutCommand extends StoreCommand {

    @Option(names = "--url", required = true, paramLabel = "URL", description = "The analysed article's URL.")
    private String url;

    @Option(names = "--model", paramLabel = "M", description = "The model/prompt version that made the analysis.")
    private String model = CachedAnalysis.NO_MODEL;

    @Option(names = "--file", paramLabel = "F", description = "Read the JSON from this file instead of standard input.")
    private Path file;

    @Override
    public Integer call() {
        try {
            InputRules.requireAbsoluteUrl("--url", url);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.BAD_INPUT, e.getMessage() + "; nothing was cached");
        }
        String source = file != null ? file.toString() : "standard input";
        String json = utf8(readInput(), source).strip();
        requireJson(json, source);
        try (Repository repo = new Repository(existingDatabase())) {
            repo.llmCache().put(url, json, model);
        }
        out().println("cached " + json.getBytes(StandardCharsets.UTF_8).length + " bytes of analysis for " + url
                + (model.isEmpty() ? "" : " by model " + model));
        return ExitCode.OK;
    }

    private byte[] readInput() {
        try {
            if (file != null) {
                return Files.readAllBytes(file);
            }
            InputStream in = main().stdin();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new CliException(
                    ExitCode.BAD_INPUT,
                    "cannot read " + (file != null ? file : "standard input") + ": " + e.getMessage());
        }
    }

    /** The bytes as text; bytes that are not UTF-8 are refused (never replaced), from a file and standard input alike. */
    private static String utf8(byte[] bytes, String source) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new CliException(
                    ExitCode.BAD_INPUT, source + " is not valid UTF-8; re-encode it as UTF-8. Nothing was cached");
        }
    }

    private static void requireJson(String json, String source) {
        try {
            JsonNode node = CliJson.mapper().readTree(json);
            if (node == null || node.isMissingNode()) {
                throw new CliException(ExitCode.BAD_INPUT, source + " is empty: give the analysis as JSON");
            }
        } catch (JsonProcessingException e) {
            throw new CliException(
                    ExitCode.BAD_INPUT,
                    source + " is not JSON ("
                            + e.getOriginalMessage().lines().findFirst().orElse("") + "); nothing was cached");
        }
    }
}
