package dev.matchflow.testing;

/** A database made for one test, with the way to drop it. */
interface CreatedDatabase {

    TestDatabase database();

    void drop();
}
