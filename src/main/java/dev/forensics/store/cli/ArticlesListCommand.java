package dev.forensics.store.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.forensics.store.Repository;
import dev.forensics.store.article.Article;
import dev.forensics.store.author.Author;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code articles list --author SLUG [--limit N] [--json]}: an author's articles, the most recently stored first. */
@Command(
        name = "list",
        description = "List an author's articles, the most recently stored first: published_at, URL, title.")
final class ArticlesListCommand extends StoreCommand {

    @Option(names = "--author", required = true, paramLabel = "SLUG", description = "The author's slug, e.g. jane-doe.")
    private String author;

    @Option(
            names = "--limit",
            paramLabel = "N",
            defaultValue = "20",
            description = "At most this many articles (default: ${DEFAULT-VALUE}).")
    private int limit;

    @Option(
            names = "--json",
            description = "Print one JSON array of objects (as `articles show --json`, without the body).")
    private boolean json;

    @Override
    public Integer call() throws JsonProcessingException {
        if (limit < 1) {
            throw new CliException(ExitCode.BAD_INPUT, "--limit must be at least 1, was " + limit);
        }
        List<Article> articles;
        Author found;
        try (Repository repo = new Repository(existingDatabase())) {
            found = repo.authors()
                    .findBySlug(author)
                    .orElseThrow(() -> new CliException(
                            ExitCode.NOT_FOUND,
                            "no author with slug " + author
                                    + " (a slug is the name in lower case with dashes, e.g. jane-doe)"));
            articles = new ArrayList<>(repo.articles().listByAuthor(found.id()));
        }
        Collections.reverse(articles);
        List<Article> newestFirst = articles.stream().limit(limit).toList();
        if (json) {
            List<Map<String, Object>> rows = newestFirst.stream()
                    .map(article ->
                            ArticlesShowCommand.fields(article, found, false).values())
                    .toList();
            out().println(CliJson.mapper().writeValueAsString(rows));
            return ExitCode.OK;
        }
        for (Article article : newestFirst) {
            out().println(String.join(
                    "  ",
                    article.publishedAt() == null ? "-" : article.publishedAt().toString(),
                    article.url(),
                    article.title() == null ? "-" : article.title()));
        }
        if (articles.size() > newestFirst.size()) {
            err().println("(" + newestFirst.size() + " of " + articles.size() + " articles by " + author
                    + "; --limit shows more)");
        }
        return ExitCode.OK;
    }
}
