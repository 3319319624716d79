package dev.forensics.store.cli;

import dev.forensics.store.Repository;
import dev.forensics.store.article.Article;
import dev.forensics.store.author.Author;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code articles show URL [--json]}: one stored article with its author and body; exit 1 when the URL is not stored. */
@Command(
        name = "show",
        description = "Show one stored article: its figures, then its body; exit 1 when the URL is not stored.")
final class ArticlesShowCommand extends StoreCommand {
    @Parameters(paramLabel = "URL", description = "The article's URL, exactly as stored.")
    private String url;

    @Option(names = "--json", description = "Print one JSON object, the body included.")
    private boolean json;

    @Override
    public Integer call() {
        Article article;
        Author author;
        try (Repository repo = new Repository(existingDatabase())) {
            article = repo.articles()
                    .findByUrl(url)
                    .orElseThrow(() -> new CliException(ExitCode.NOT_FOUND, "no article with URL " + url));
            author = repo.authors()
                    .findById(article.authorId())
                    .orElseThrow(() -> new CliException(
                            ExitCode.DATABASE_ERROR,
                            "the author " + article.authorId() + " of " + url
                                    + " is missing: run `forensics-store check`"));
        }
        Fields fields = fields(article, author, json);
        fields.print(out(), json);
        if (!json && article.body() != null) {
            out().println();
            out().println(article.body());
        }
        return ExitCode.OK;
    }

    /** An article's figures under snake_case keys, its author's slug and name included; the body only when asked. */
    static Fields fields(Article article, Author author, boolean withBody) {
        Fields fields = new Fields()
                .put("url", article.url())
                .put("title", article.title())
                .put("author", author.slug())
                .put("author_name", author.name())
                .put("published_at", article.publishedAt())
                .put("fetched_at", article.fetchedAt())
                .put("content_hash", article.contentHash())
                .put(
                        "body_chars",
                        article.body() == null ? null : article.body().length())
                .put("created_at", article.createdAt())
                .put("updated_at", article.updatedAt());
        return withBody ? fields.put("body", article.body()) : fields;
    }
}
