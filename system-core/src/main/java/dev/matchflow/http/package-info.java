/** HTTP plumbing every service shares: the server with JSON errors, health and metrics, and the JSON client. */
package dev.matchflow.http;
