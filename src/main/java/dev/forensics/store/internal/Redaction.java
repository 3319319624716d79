package dev.forensics.store.internal;

import java.util.regex.Pattern;

/**
 * The one place that hides secrets in text that may be shown (messages, display names, logs, the CLI's output and stack
 * traces): the value of every {@code password=} and {@code sslpassword=} parameter (any case) and the password of a
 * URL's user info ({@code scheme://user:password@host}, also once a path normalised {@code //} into {@code /}) become
 * {@code ***}. Text without a secret comes back unchanged.
 */
public final class Redaction {
    /** What a hidden secret reads as. */
    public static final String HIDDEN = "***";

    // `...password=VALUE`: the parameter name in any case, the value up to the next separator.
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(\\b[a-z_]*password=)[^&;\\s,'\"`)}\\]]+");
    // `scheme:/user:password@` or `scheme://user:password@`: greedy to the last @ of the authority.
    private static final Pattern USER_INFO_PASSWORD =
            Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*:/+[^/\\s:@?#]*:)[^/\\s]*@");

    private Redaction() {}

    /** {@code text} with every password in it replaced by {@value #HIDDEN}; {@code null} stays {@code null}. */
    public static String secrets(String text) {
        if (text == null) {
            return null;
        }
        String hidden = PASSWORD_PARAMETER.matcher(text).replaceAll("$1" + HIDDEN);
        return USER_INFO_PASSWORD.matcher(hidden).replaceAll("$1" + HIDDEN + "@");
    }

    /** Whether {@code url} carries a password, as a parameter ({@code password=}, {@code sslpassword=}) or in its user info. */
    public static boolean holdsSecret(String url) {
        return url != null && !secrets(url).equals(url);
    }
}
