package io.github.deepstreamspringboot.devserver;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Finds Node.js and npm on the {@code PATH} and checks the Node.js version, failing with a message that says what to
 * install. Immutable and thread-safe.
 */
final class NodeRuntime {

    static final int MINIMUM_NODE_MAJOR = 18;

    private final Path node;

    private final Path npm;

    /** {@code setsid}, where the system has it; {@code null} elsewhere. */
    private final Path setsid;

    private NodeRuntime(Path node, Path npm, Path setsid) {
        this.node = node;
        this.npm = npm;
        this.setsid = setsid;
    }

    /**
     * Locates node and npm.
     * @return the runtime
     * @throws IllegalStateException if either is missing or node is too old
     */
    static NodeRuntime locate() {
        return locate(System.getenv("PATH"));
    }

    /**
     * Locates node and npm on the given search path.
     * @param searchPath directories separated by the platform's path separator, may be {@code null}
     * @return the runtime
     * @throws IllegalStateException if either is missing or node is too old
     */
    static NodeRuntime locate(String searchPath) {
        Path node = find("node", searchPath);
        Path npm = find("npm", searchPath);
        if (node == null || npm == null) {
            throw new IllegalStateException("The local deepstream server needs Node.js " + MINIMUM_NODE_MAJOR
                    + " or newer with npm, but '" + ((node == null) ? "node" : "npm") + "' was not found on the PATH ("
                    + searchPath + "). Install Node.js (for example 'apt-get install nodejs npm' or "
                    + "your platform's installer) or set deepstream.url to a running deepstream server.");
        }
        int major = majorVersion(node);
        if (major < MINIMUM_NODE_MAJOR) {
            throw new IllegalStateException("The local deepstream server needs Node.js " + MINIMUM_NODE_MAJOR
                    + " or newer, but " + node + " is version " + major + ". Install a newer Node.js.");
        }
        return new NodeRuntime(node, npm, find("setsid", searchPath));
    }

    Path node() {
        return this.node;
    }

    Path npm() {
        return this.npm;
    }

    /**
     * A command that runs node in a session of its own, out of the caller's process group, so that signals sent to
     * that group (a terminal's Ctrl+C) do not reach it; plain node where {@code setsid} is missing.
     * @param arguments node's arguments
     * @return the command
     */
    List<String> detached(String... arguments) {
        List<String> command = new ArrayList<>();
        if (this.setsid != null) {
            // setsid execs node in the same process (the JVM's child is no group leader), so its pid stays node's
            command.add(this.setsid.toString());
        }
        command.add(this.node.toString());
        command.addAll(List.of(arguments));
        return command;
    }

    private static Path find(String command, String path) {
        if (path == null) {
            return null;
        }
        for (String directory : path.split(File.pathSeparator)) {
            if (directory.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(directory, command);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static int majorVersion(Path node) {
        try {
            Process process = new ProcessBuilder(node.toString(), "--version").redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("'" + node + " --version' failed: " + output);
            }
            String digits = output.startsWith("v") ? output.substring(1) : output;
            return Integer.parseInt(digits.substring(0, digits.indexOf('.')));
        }
        catch (IOException | RuntimeException ex) {
            throw new IllegalStateException("Cannot tell the version of " + node + ": " + ex.getMessage(), ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while checking " + node, ex);
        }
    }

}
