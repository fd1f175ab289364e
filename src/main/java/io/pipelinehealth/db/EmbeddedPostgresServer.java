package io.pipelinehealth.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The one embedded PostgreSQL server of this JVM, started on first use and stopped at shutdown.
 * Persistent mode keeps its data directory and writes durably; ephemeral mode (tests) uses a
 * fresh temporary directory that is deleted at stop.
 */
public final class EmbeddedPostgresServer {

    static final String USER = "postgres";
    static final String DATABASE = "postgres";

    private static final Logger LOG = Logger.getLogger(EmbeddedPostgresServer.class);
    private static EmbeddedPostgres server;
    private static String description;

    private EmbeddedPostgresServer() {
    }

    /** Starts the server unless it runs already, and returns its JDBC URL. */
    static synchronized String jdbcUrl(EmbeddedDbSettings settings) {
        if (server == null) {
            server = start(settings);
            String where = settings.ephemeral()
                    ? "ephemeral data dir, deleted at stop"
                    : "data dir " + settings.dataDir().toAbsolutePath().normalize();
            description = "Using embedded PostgreSQL 17 at " + url() + " (" + where + ")";
        }
        return url();
    }

    /** The startup message, when the embedded server is in use. */
    public static synchronized Optional<String> description() {
        return Optional.ofNullable(server == null ? null : description);
    }

    /** Stops the server if it runs; a later lookup starts it again (dev-mode reloads, tests). */
    public static synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.close();
            LOG.info("Stopped embedded PostgreSQL");
        } catch (IOException e) {
            LOG.warn("Could not stop embedded PostgreSQL cleanly", e);
        } finally {
            server = null;
        }
    }

    private static String url() {
        return server.getJdbcUrl(USER, DATABASE);
    }

    private static EmbeddedPostgres start(EmbeddedDbSettings settings) {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setRegisterShutdownHook(false) // it races Quarkus's shutdown; see DatabaseLifecycle
                .setPGStartupWait(Duration.ofSeconds(60))
                .setPort(settings.port());
        if (!settings.ephemeral()) {
            Path dir = settings.dataDir().toAbsolutePath().normalize();
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create embedded PostgreSQL data directory " + dir, e);
            }
            handleStalePidFile(dir);
            builder.setDataDirectory(dir.toFile())
                    .setCleanDataDirectory(false)
                    // zonky tunes for throwaway databases; a kept database must survive a crash.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on");
        }
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start embedded PostgreSQL"
                    + (settings.ephemeral() ? "" : " in " + settings.dataDir()), e);
        }
    }

    /**
     * After a SIGKILL of the JVM the postmaster keeps running and holds the directory. Stop a
     * leftover postmaster whose command line names this directory; otherwise drop the stale file.
     */
    private static void handleStalePidFile(Path dir) {
        Path pidFile = dir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readAllLines(pidFile, StandardCharsets.UTF_8).get(0).trim());
        } catch (IOException | RuntimeException e) {
            LOG.warnf("Removing unreadable %s", pidFile);
            deleteQuietly(pidFile);
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(p -> commandLineNames(p, dir));
        if (process.isPresent()) {
            LOG.warnf("Stopping leftover PostgreSQL (pid %d) that still holds %s", pid, dir);
            ProcessHandle handle = process.get();
            handle.destroy(); // SIGTERM: smart shutdown; its clients died with the old JVM
            if (!waitForExit(handle, Duration.ofSeconds(30))) {
                handle.destroyForcibly();
                waitForExit(handle, Duration.ofSeconds(10));
            }
        }
        if (Files.exists(pidFile)) {
            LOG.warnf("Removing stale %s", pidFile);
            deleteQuietly(pidFile);
        }
    }

    private static boolean commandLineNames(ProcessHandle process, Path dir) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline"));
            String cmdline = new String(raw, StandardCharsets.UTF_8).replace('\0', ' ');
            return cmdline.contains("postgres") && cmdline.contains(dir.toString());
        } catch (IOException | RuntimeException e) {
            return process.info().commandLine().map(c -> c.contains(dir.toString())).orElse(false);
        }
    }

    private static boolean waitForExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            return !process.isAlive();
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warnf("Could not delete %s: %s", file, e.getMessage());
        }
    }
}
