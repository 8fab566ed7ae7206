/**
 * The JavaFX console: the main window, the running stack behind it, and what every screen shares (batched live
 * updates, the global error dialog, themes, shortcuts). Each screen has a package of its own.
 */
package dev.matchflow.console;
