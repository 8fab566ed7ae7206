/** Who may call the internal endpoints: bearer tokens and their verifiers. */
package dev.matchflow.security;
