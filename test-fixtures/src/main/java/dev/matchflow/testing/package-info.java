/** Test support shared by every module's tests. */
package dev.matchflow.testing;
