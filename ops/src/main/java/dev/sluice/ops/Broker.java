package dev.sluice.ops;

import dev.sluice.topology.config.SluiceConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The broker a reading command ({@code costs}, {@code audit}) talks to: the configured cluster, the
 * running embedded broker, or, when none runs, the embedded broker restarted over the data the last
 * {@code ./sluice demo} or {@code ./sluice run} left behind (whichever wrote last), for as long as the
 * command reads.
 */
final class Broker implements AutoCloseable {

    private final EmbeddedKafka started;
    private final String bootstrapServers;
    private final String applicationId;

    private Broker(EmbeddedKafka started, String bootstrapServers, String applicationId) {
        this.started = started;
        this.bootstrapServers = bootstrapServers;
        this.applicationId = applicationId;
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    /** The application id whose stores the data holds (the demo's own when it is the demo's data). */
    String applicationId() {
        return applicationId;
    }

    /**
     * @param notes where to say which data is read when a stopped broker's is
     * @throws IllegalStateException when there is nothing to read
     */
    static Broker open(SluiceCli.Common common, SluiceConfig config, PrintStream notes) throws Exception {
        String applicationId = config.getString(SluiceConfig.APPLICATION_ID);
        if (!config.embedded() || listening(config.getInt(SluiceConfig.EMBEDDED_PORT))) {
            return new Broker(null, common.clientBootstrap(config), applicationId);
        }
        Path runData = Path.of(config.getString(SluiceConfig.EMBEDDED_DATA_DIR));
        Path demoData = SluiceCli.Demo.HOME.resolve("kafka");
        Path data = newest(runData, demoData);
        if (data == null) {
            throw new IllegalStateException("No broker is running and no embedded broker data was found in " + runData + " or " + demoData
                    + ": run ./sluice demo or ./sluice run first, or name a cluster with --bootstrap-servers.");
        }
        boolean demo = data.equals(demoData);
        notes.println("(No broker running: read the data " + (demo ? "./sluice demo" : "./sluice run") + " left in " + data + ")");
        notes.println();
        EmbeddedKafka kafka = EmbeddedKafka.start(data, 0);
        return new Broker(kafka, kafka.bootstrapServers(), demo ? SluiceCli.Demo.APPLICATION_ID : applicationId);
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The more recently written of two broker data folders that exist, or null. */
    private static Path newest(Path a, Path b) throws IOException {
        Path newest = null;
        for (Path p : List.of(a, b)) {
            if (Files.isDirectory(p) && (newest == null || Files.getLastModifiedTime(p).compareTo(Files.getLastModifiedTime(newest)) > 0)) {
                newest = p;
            }
        }
        return newest;
    }

    @Override
    public void close() {
        if (started != null) {
            started.close();
        }
    }
}
