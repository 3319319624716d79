package dev.forensics.store.errors;

/**
 * A text value holds a lone UTF-16 surrogate, which UTF-8 cannot encode: stored, it would become {@code ?} and could
 * overwrite or match another value ({@code "…/a\ud800"} and {@code "…/a?"} would be one URL). Nothing was written or
 * looked up. {@link #field()} names the value (for example {@code url}, {@code title}, {@code body}, {@code name},
 * {@code slug}, {@code model}, {@code analysisJson}) so that a caller can report it, e.g. as an invalid input line.
 */
public class UnstorableTextException extends InvalidInputException {
    private static final long serialVersionUID = 1L;
    private final String field;
    private final int index;

    /** Creates the error for {@code field}, whose character at {@code index} is a lone surrogate. */
    public UnstorableTextException(String field, int index, char surrogate) {
        super(field + " cannot be stored exactly: it holds a lone UTF-16 surrogate (\\u"
                + String.format("%04X", (int) surrogate)
                + ") at character " + index
                + ", which UTF-8 cannot encode (it would be stored as \"?\" and could fold into"
                + " another value); nothing was written; fix the text (a scrape cut in the middle of a character?)");
        this.field = field;
        this.index = index;
    }

    /** The name of the value that cannot be stored ({@code url}, {@code body}, ...). */
    public String field() {
        return field;
    }

    /** The index (in UTF-16 chars) of the lone surrogate. */
    public int index() {
        return index;
    }
}
