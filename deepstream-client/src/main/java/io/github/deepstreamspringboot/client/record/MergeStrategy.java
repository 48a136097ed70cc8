package io.github.deepstreamspringboot.client.record;

import tools.jackson.databind.JsonNode;

/**
 * Resolves a conflict between this client's version of a record and the server's: called when a write of this client
 * lost to another one ({@code VERSION_EXISTS}), when a remote update does not follow the local version, and after a
 * reconnection for a record edited while offline. The result is adopted locally and, if it differs from the remote
 * data, written back as the next version. Runs on the client's event loop: keep it quick and side-effect free.
 */
@FunctionalInterface
public interface MergeStrategy {

    /** The server's data wins; local changes that conflicted are dropped (and their acknowledged writes fail). */
    MergeStrategy REMOTE_WINS = (local, localVersion, remote, remoteVersion) -> remote;

    /** This client's data wins and is written over the server's. */
    MergeStrategy LOCAL_WINS = (local, localVersion, remote, remoteVersion) -> local;

    /**
     * Merges.
     * @param local this client's data
     * @param localVersion the version this client's data was based on
     * @param remote the server's data
     * @param remoteVersion the server's version
     * @return the merged data (an object or array)
     */
    JsonNode merge(JsonNode local, int localVersion, JsonNode remote, int remoteVersion);

}
