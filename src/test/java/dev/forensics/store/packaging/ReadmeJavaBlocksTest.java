package dev.forensics.store.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ```java} block of README.md compiles against this build (issue 16), so the README cannot drift from the
 * API. A block that declares a class is compiled as it is; any other block is a method body after its imports. Each
 * block gets its own package, so two blocks may declare the same names. A failure names the README line.
 */
class ReadmeJavaBlocksTest {
    private static final Path README = Path.of("README.md");
    private static final Pattern JAVA_BLOCK = Pattern.compile("(?m)^```java\\n(.*?)^```", Pattern.DOTALL);
    private static final Pattern CLASS_DECLARATION =
            Pattern.compile("(?m)^(public |final |abstract )*(class|record|interface|enum) ");

    @TempDir
    Path out;

    @Test
    void everyJavaBlockOfTheReadmeCompilesAgainstTheLibrary() throws IOException {
        List<Block> blocks = blocks(Files.readString(README, StandardCharsets.UTF_8));
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();

        boolean compiled = compiler.getTask(
                        null,
                        null,
                        diagnostics,
                        List.of(
                                "-classpath",
                                System.getProperty("java.class.path"),
                                "-d",
                                out.toString(),
                                "-proc:none"),
                        null,
                        blocks.stream().map(Block::source).toList())
                .call();

        List<String> errors = diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .map(ReadmeJavaBlocksTest::readmeLine)
                .toList();
        assertThat(errors).as("compile errors of README.md's java blocks").isEmpty();
        assertThat(compiled).isTrue();
        assertThat(blocks)
                .as("java blocks in README.md (API, test kit, PostgreSQL)")
                .hasSizeGreaterThanOrEqualTo(3);
    }

    private static List<Block> blocks(String readme) {
        List<Block> blocks = new ArrayList<>();
        Matcher matcher = JAVA_BLOCK.matcher(readme);
        while (matcher.find()) {
            int firstLine = (int) readme.substring(0, matcher.start(1)).lines().count() + 1;
            blocks.add(Block.of(blocks.size() + 1, firstLine, matcher.group(1)));
        }
        return blocks;
    }

    private static String readmeLine(Diagnostic<? extends JavaFileObject> diagnostic) {
        Block block = ((BlockSource) diagnostic.getSource()).block;
        long readmeLine = diagnostic.getLineNumber() - block.prefixLines() + block.firstLine() - 1;
        return "README.md line " + readmeLine + " (java block " + block.number() + "): " + diagnostic.getMessage(null);
    }

    /**
     * One block as compiled.
     *
     * @param number      its position among the README's java blocks, from 1
     * @param firstLine   the README line of its first line of code
     * @param code        the compiled text
     * @param prefixLines how many lines the wrapping added before the block's first line
     */
    private record Block(int number, int firstLine, String code, int prefixLines) {
        static Block of(int number, int firstLine, String text) {
            String packageLine = "package readme.block" + number + ";";
            if (CLASS_DECLARATION.matcher(text).find()) {
                return new Block(number, firstLine, packageLine + "\n" + text, 1);
            }
            // Imports move up to the package line; everything else becomes the body of a method, each line in its
            // place.
            StringBuilder imports = new StringBuilder();
            StringBuilder body = new StringBuilder();
            for (String line : text.split("\n", -1)) {
                boolean isImport = line.startsWith("import ");
                imports.append(isImport ? line : "").append('\n');
                body.append(isImport ? "" : line).append('\n');
            }
            return new Block(
                    number,
                    firstLine,
                    packageLine + imports.toString().replace('\n', ' ')
                            + "\nclass Snippet {\n    void run() throws Exception {\n" + body + "    }\n}\n",
                    3);
        }

        JavaFileObject source() {
            return new BlockSource(this);
        }
    }

    private static final class BlockSource extends SimpleJavaFileObject {
        private final Block block;

        BlockSource(Block block) {
            super(URI.create("string:///readme/block" + block.number() + "/Snippet.java"), Kind.SOURCE);
            this.block = block;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return block.code();
        }
    }
}
