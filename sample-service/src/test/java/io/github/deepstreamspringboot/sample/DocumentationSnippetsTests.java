package io.github.deepstreamspringboot.sample;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Java snippet of the README and of {@code docs/} compiles as shown, imports included, against the starter, the
 * client and the local server (this module's test class path). A snippet is either whole types (a class, a record,
 * beans) or statements; statements are compiled as the body of a method that may throw, given
 * {@code DeepstreamClient client} unless they declare their own {@code client}. A snippet that uses something the
 * reader cannot see fails here, not in a user's IDE.
 */
class DocumentationSnippetsTests {

    private static final Path ROOT = Path.of("..");

    private static final Pattern SNIPPET = Pattern.compile("(?m)^```java\\n(.*?)^```", Pattern.DOTALL);

    /** A line at the left margin that starts a type, an annotation, a closing brace or a comment. */
    private static final Pattern TYPE_LEVEL = Pattern
        .compile("^(@|}|//|/\\*|\\*|(public |final |abstract )*(class|record|interface|enum) )");

    static Stream<Snippet> snippets() throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(ROOT.resolve("README.md"));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter((path) -> path.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        List<Snippet> snippets = new ArrayList<>();
        for (Path file : files) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            Matcher matcher = SNIPPET.matcher(text);
            while (matcher.find()) {
                int line = (int) text.substring(0, matcher.start()).lines().count() + 1;
                snippets.add(new Snippet(ROOT.relativize(file) + ":" + line, matcher.group(1)));
            }
        }
        return snippets.stream();
    }

    @Test
    void theDocumentationHasSnippets() throws IOException {
        assertThat(snippets()).hasSizeGreaterThan(10);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("snippets")
    void compilesAsShown(Snippet snippet, @TempDir Path classes) throws IOException {
        String source = snippet.compilationUnit();
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            List<String> options = List.of("-proc:none", "-d", classes.toString(), "-classpath",
                    System.getProperty("java.class.path"));
            boolean compiled = compiler.getTask(new StringWriter(), files, diagnostics, options, null,
                    List.of(new Source(source))).call();
            List<String> errors = diagnostics.getDiagnostics().stream()
                .filter((diagnostic) -> diagnostic.getKind() == Diagnostic.Kind.ERROR)
                .map((diagnostic) -> "line " + diagnostic.getLineNumber() + ": " + diagnostic.getMessage(Locale.ROOT))
                .toList();
            assertThat(errors).as("%s does not compile:%n%s", snippet, numbered(source)).isEmpty();
            assertThat(compiled).isTrue();
        }
    }

    private static String numbered(String source) {
        StringBuilder out = new StringBuilder();
        List<String> lines = source.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            out.append(String.format("%3d  %s%n", i + 1, lines.get(i)));
        }
        return out.toString();
    }

    /** One snippet: where it is, and its text. */
    record Snippet(String location, String text) {

        /** Imports stay at the top; statements become a method body, types stay as they are. */
        String compilationUnit() {
            List<String> imports = new ArrayList<>();
            List<String> body = new ArrayList<>();
            for (String line : this.text.lines().toList()) {
                if (body.isEmpty() && (line.startsWith("import ") || line.isBlank())) {
                    imports.add(line);
                }
                else {
                    body.add(line);
                }
            }
            boolean statements = body.stream()
                .anyMatch((line) -> !line.isBlank() && !Character.isWhitespace(line.charAt(0))
                        && !TYPE_LEVEL.matcher(line).find());
            if (!statements) {
                return this.text;
            }
            String client = this.text.contains("DeepstreamClient client")
                    ? "" : "io.github.deepstreamspringboot.client.DeepstreamClient client";
            return String.join("\n", imports) + "\nclass Snippet {\n    void run(" + client
                    + ") throws Exception {\n" + String.join("\n", body) + "\n    }\n}\n";
        }

        @Override
        public String toString() {
            return this.location;
        }

    }

    /** A source file held in memory. */
    private static final class Source extends SimpleJavaFileObject {

        private final String code;

        Source(String code) {
            super(URI.create("string:///Snippet.java"), Kind.SOURCE);
            this.code = code;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return this.code;
        }

    }

}
