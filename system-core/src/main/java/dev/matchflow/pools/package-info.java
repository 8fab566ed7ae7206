/** The Pools service: pools, memberships, its HTTP API and the client other services call it with. */
package dev.matchflow.pools;
