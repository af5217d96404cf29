/**
 * Test helpers shared by every module's tests through server-core's test-jar: one raw HTTP/1.1
 * client ({@link dev.wisp.server.testkit.Wire}) and one log capture. Their own package, so that
 * modules whose tests run patched into a named module can still see them.
 */
package dev.wisp.server.testkit;
