package io.github.deepstreamspringboot.devserver;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs the pinned {@code @deepstream/server} with {@code npm ci} from the package.json and lockfile that ship in
 * this jar, into a cache folder named after the lockfile's hash, so that an unchanged lockfile is installed once per
 * machine. A file lock makes concurrent JVMs (test forks, the sample) wait for one installation. Thread-safe.
 */
final class ServerInstallation {

    private static final Logger logger = LoggerFactory.getLogger(ServerInstallation.class);

    private static final String RESOURCES = "/io/github/deepstreamspringboot/devserver/npm/";

    private static final List<String> FILES = List.of("package.json", "package-lock.json", ".npmrc",
            "uws-stub/package.json", "uws-stub/index.js");

    private static final String MARKER = ".installed";

    private static final long NPM_TIMEOUT_MINUTES = 10;

    private ServerInstallation() {
    }

    /**
     * Returns the folder holding {@code node_modules/@deepstream/server}, installing it first if needed.
     * @param cacheRoot the folder under which installations are kept
     * @param runtime node and npm
     * @return the installation folder
     */
    static Path ensureInstalled(Path cacheRoot, NodeRuntime runtime) {
        byte[] lockfile = read("package-lock.json");
        Path directory = cacheRoot.resolve("server-" + sha256(lockfile).substring(0, 16));
        if (Files.exists(directory.resolve(MARKER))) {
            return directory;
        }
        try {
            Files.createDirectories(cacheRoot);
            try (FileChannel channel = FileChannel.open(cacheRoot.resolve("install.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
                if (!Files.exists(directory.resolve(MARKER))) {
                    install(directory, runtime);
                }
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot install the deepstream server into " + directory, ex);
        }
        return directory;
    }

    private static void install(Path directory, NodeRuntime runtime) throws IOException {
        deleteRecursively(directory);
        for (String file : FILES) {
            Path target = directory.resolve(file);
            Files.createDirectories(target.getParent());
            Files.write(target, read(file));
        }
        logger.info("Installing @deepstream/server into {} (npm ci, once per lockfile)", directory);
        Path log = directory.resolve("npm-install.log");
        Process process = new ProcessBuilder(runtime.npm().toString(), "ci", "--ignore-scripts", "--no-audit",
                "--no-fund").directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
        try {
            if (!process.waitFor(NPM_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("npm ci did not finish within " + NPM_TIMEOUT_MINUTES
                        + " minutes in " + directory + "; see " + log);
            }
        }
        catch (InterruptedException ex) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while installing the deepstream server", ex);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("npm ci failed (exit " + process.exitValue() + ") in " + directory
                    + ". Does this machine reach the npm registry? Last output:\n" + tail(log, 20));
        }
        Files.writeString(directory.resolve(MARKER), "ok\n");
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        }
        catch (IOException | UncheckedIOException ex) {
            return "(cannot read " + file + ": " + ex.getMessage() + ")";
        }
    }

    private static byte[] read(String file) {
        try (InputStream input = ServerInstallation.class.getResourceAsStream(RESOURCES + file)) {
            if (input == null) {
                throw new IllegalStateException("Missing resource " + RESOURCES + file);
            }
            return input.readAllBytes();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

}
