package io.github.deepstreamspringboot.devserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The folder a {@link LocalDeepstreamServer} runs in: its config (which holds the file-auth users' passwords in
 * clear) and its log. The folder and the config are readable by their owner only; the folder is named after the JVM
 * that made it, {@code deepstream-server-<pid>-<random>}, so that a later start can remove the folders of JVMs that
 * died without cleaning up.
 *
 * <p><b>Thread model.</b> Not thread-safe; the server that owns it calls it under its own lock.
 */
final class ServerWorkDirectory {

    private static final Logger logger = LoggerFactory.getLogger(ServerWorkDirectory.class);

    static final String PREFIX = "deepstream-server-";

    /** Folders of the naming before the owner's pid was in the name are removed once they are this old. */
    private static final Duration UNNAMED_STALE_AFTER = Duration.ofHours(1);

    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");

    private final Path path;

    private ServerWorkDirectory(Path path) {
        this.path = path;
    }

    /**
     * Removes the folders of dead JVMs in the temporary folder, then creates this JVM's.
     * @param root where to create it (the temporary folder)
     * @return the folder
     */
    static ServerWorkDirectory create(Path root) {
        removeStale(root);
        try {
            String prefix = PREFIX + ProcessHandle.current().pid() + "-";
            return new ServerWorkDirectory(Files.createTempDirectory(root, prefix));
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot create the deepstream server's folder in " + root, ex);
        }
    }

    /** @return the temporary folder of this JVM */
    static Path defaultRoot() {
        return Paths.get(System.getProperty("java.io.tmpdir"));
    }

    Path path() {
        return this.path;
    }

    Path log() {
        return this.path.resolve("server.log");
    }

    /**
     * Writes the server's config, readable by the owner only from the moment the file exists.
     * @param json the config
     * @return the config file
     * @throws IOException if writing fails
     */
    Path writeConfig(String json) throws IOException {
        Path config = this.path.resolve("config.json");
        Files.deleteIfExists(config);
        if (isPosix()) {
            FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions.asFileAttribute(OWNER_FILE);
            try {
                Files.createFile(config, ownerOnly);
            }
            catch (FileAlreadyExistsException ex) {
                // deleted above; only a concurrent writer could get here, and the write below then fails loudly
            }
        }
        Files.writeString(config, json, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        return config;
    }

    /** Deletes the folder and everything in it; failures are logged, never thrown (this runs on close and exit). */
    void delete() {
        deleteTree(this.path);
    }

    private boolean isPosix() {
        return this.path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static void removeStale(Path root) {
        UserPrincipal me;
        try {
            me = root.getFileSystem().getUserPrincipalLookupService()
                .lookupPrincipalByName(System.getProperty("user.name"));
        }
        catch (IOException | UnsupportedOperationException ex) {
            return;
        }
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(root, PREFIX + "*")) {
            for (Path folder : folders) {
                if (Files.isDirectory(folder) && me.equals(Files.getOwner(folder)) && isStale(folder)) {
                    logger.debug("Removing the folder of a dead deepstream server: {}", folder);
                    deleteTree(folder);
                }
            }
        }
        catch (IOException | UnsupportedOperationException ex) {
            logger.debug("Could not look for stale deepstream server folders in {}", root, ex);
        }
    }

    private static boolean isStale(Path folder) throws IOException {
        String rest = folder.getFileName().toString().substring(PREFIX.length());
        int dash = rest.indexOf('-');
        if (dash > 0) {
            try {
                long pid = Long.parseLong(rest.substring(0, dash));
                return ProcessHandle.of(pid).map((process) -> !process.isAlive()).orElse(true);
            }
            catch (NumberFormatException ex) {
                // not a folder this class named
                return false;
            }
        }
        Instant modified = Files.getLastModifiedTime(folder).toInstant();
        return modified.isBefore(Instant.now().minus(UNNAMED_STALE_AFTER));
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach((path) -> {
                try {
                    Files.deleteIfExists(path);
                }
                catch (IOException ex) {
                    logger.debug("Could not delete {}", path, ex);
                }
            });
        }
        catch (IOException | UncheckedIOException ex) {
            logger.debug("Could not delete {}", root, ex);
        }
    }

}
