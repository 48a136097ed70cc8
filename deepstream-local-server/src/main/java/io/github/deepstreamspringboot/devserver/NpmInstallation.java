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
 * Installs a pinned npm project (such as {@code @deepstream/server}) with {@code npm ci} from a package.json and
 * lockfile that ship as classpath resources, into a cache folder named after the hash of those files, so that an
 * unchanged project is installed once per machine. A file lock makes concurrent JVMs (test forks, the sample) wait for one
 * installation. Immutable and thread-safe.
 *
 * @param name the installation's name, the prefix of its cache folder
 * @param resources the classpath folder holding the files, ending with {@code /}
 * @param files the files to copy, relative to {@code resources}; must include {@code package-lock.json}
 */
record NpmInstallation(String name, String resources, List<String> files) {

    private static final Logger logger = LoggerFactory.getLogger(NpmInstallation.class);

    /** The deepstream server, with {@code uWebSockets.js} replaced by a local stub. */
    static final NpmInstallation SERVER = new NpmInstallation("server", "/io/github/deepstreamspringboot/devserver/npm/",
            List.of("package.json", "package-lock.json", ".npmrc", "uws-stub/package.json", "uws-stub/index.js"));

    private static final String MARKER = ".installed";

    private static final long NPM_TIMEOUT_MINUTES = 10;

    /**
     * Returns the folder holding {@code node_modules}, installing it first if needed.
     * @param cacheRoot the folder under which installations are kept
     * @param runtime node and npm
     * @return the installation folder
     */
    Path ensureInstalled(Path cacheRoot, NodeRuntime runtime) {
        Path directory = cacheRoot.resolve(this.name + "-" + contentHash().substring(0, 16));
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
            throw new UncheckedIOException("Cannot install " + this.name + " into " + directory, ex);
        }
        return directory;
    }

    private void install(Path directory, NodeRuntime runtime) throws IOException {
        deleteRecursively(directory);
        for (String file : this.files) {
            Path target = directory.resolve(file);
            Files.createDirectories(target.getParent());
            Files.write(target, read(file));
        }
        logger.info("Installing {} into {} (npm ci, once per lockfile)", this.name, directory);
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
            throw new IllegalStateException("Interrupted while installing " + this.name, ex);
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

    private byte[] read(String file) {
        try (InputStream input = NpmInstallation.class.getResourceAsStream(this.resources + file)) {
            if (input == null) {
                throw new IllegalStateException("Missing resource " + this.resources + file);
            }
            return input.readAllBytes();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Hash of every shipped file, so that any change (lockfile, script, stub) gives a fresh installation. */
    private String contentHash() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String file : this.files) {
                digest.update(file.getBytes(StandardCharsets.UTF_8));
                digest.update(read(file));
            }
            return HexFormat.of().formatHex(digest.digest());
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
