/**
 * The cleanup function ({@link dev.matchflow.cleanup.CleanupFunction}), which asks Matches to remove a departed
 * user's non-accepted matches, and {@link dev.matchflow.cleanup.FunctionHost}, which serves it on a local address.
 */
package dev.matchflow.cleanup;
