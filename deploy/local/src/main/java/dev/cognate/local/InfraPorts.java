package dev.cognate.local;

/** Loopback ports of the embedded infrastructure; chosen away from the defaults so a system PostgreSQL can coexist. */
record InfraPorts(int postgres, int redis, int kafka) {

    static final InfraPorts LOCAL = new InfraPorts(15432, 16379, 19092);
}
