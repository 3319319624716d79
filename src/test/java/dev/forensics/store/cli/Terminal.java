package dev.forensics.store.cli;

import java.util.ArrayList;
import java.util.List;

/** What a terminal shows for some output: {@code \r} returns to the start of the line and later characters overwrite. */
final class Terminal {
    private Terminal() {}

    /** The screen lines {@code output} leaves, trailing blanks removed. */
    static List<String> render(String output) {
        List<String> lines = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int column = 0;
        for (char c : output.toCharArray()) {
            if (c == '\n') {
                lines.add(current.toString().stripTrailing());
                current.setLength(0);
                column = 0;
            } else if (c == '\r') {
                column = 0;
            } else {
                if (column < current.length()) {
                    current.setCharAt(column, c);
                } else {
                    current.append(c);
                }
                column++;
            }
        }
        if (current.length() > 0) {
            lines.add(current.toString().stripTrailing());
        }
        return lines;
    }
}
