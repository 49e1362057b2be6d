package io.sluice.core.engine;

import io.sluice.core.storage.ChunkLoader;
import io.sluice.core.storage.ChunkRepair;
import io.sluice.core.storage.ChunkWriter;
import io.sluice.core.storage.LoadedChunk;
import io.sluice.core.storage.Quarantine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chunk files a previous run left under {@code storage.path}. The inputs start at once: the files are listed
 * on a thread of their own ({@link DiskStore#listing()} tells the files this run creates meanwhile apart), into a
 * compact {@link BacklogIndex}, then read oldest first, each validated as it is read, keeping the backlog bytes in
 * memory or in flight within {@code storage.backlog.mem_limit} (lowered to what the heap has room for). A torn tail
 * is cut off and what came before it delivered; an unreadable file is moved to the quarantine folder (never a reason
 * to stop); one that is not read (too large, or written by a newer sluice) stays where it is; a chunk is routed by
 * its tag to the outputs of the current configuration, minus those its done marks name; one that matches no output
 * stays on disk, counted.
 */
final class BacklogReader {

    private static final Logger LOG = LoggerFactory.getLogger("storage");

    private final DiskStore disk;
    private volatile List<OutputLane> outputs;
    private final ChunkRouter router;
    private final EngineLoop loop;
    private final long memLimit;
    private final InstanceMetrics metrics;
    private final Map<String, AtomicLong> replayed = new ConcurrentHashMap<>();
    private final AtomicLong orphans = new AtomicLong();
    private final BacklogIndex files = new BacklogIndex();
    private final Object budget = new Object();
    private long inFlight;
    private int inFlightChunks;
    private final int maxChunks;
    private volatile int remaining;
    private volatile boolean stopping;
    private Thread thread;

    /** @param memLimit backlog bytes in memory or in flight at once */
    BacklogReader(DiskStore disk, List<OutputLane> outputs, ChunkRouter router, EngineLoop loop,
                  InstanceMetrics metrics, long memLimit) {
        this.disk = disk;
        this.outputs = List.copyOf(outputs);
        this.router = router;
        this.loop = loop;
        this.memLimit = Math.max(1, memLimit);
        this.maxChunks = Math.max(1, disk.settings().maxChunksUp());
        this.metrics = metrics;
    }

    /** Routes backlog chunks read from now on to {@code current} (a reload). */
    void outputs(List<OutputLane> current) {
        outputs = List.copyOf(current);
    }

    /** Before the inputs start: the files they create from now on are not backlog. */
    void prepare() {
        disk.listing();
    }

    /** Starts reading the backlog on its own thread: listing it, then reading it; the inputs may run already. */
    void start() {
        thread = new Thread(this::listAndReadAll, "backlog");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops reading more files; those not read stay on disk for the next start. */
    void stop() {
        stopping = true;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void listAndReadAll() {
        try {
            list();
        } catch (IOException e) {
            LOG.error("cannot list the backlog under {}: {}; it is not replayed this run", disk.root(), e.toString());
            return;
        } finally {
            disk.listed();
        }
        int n = files.size();
        for (int i = 0; i < n; i++) {
            if (stopping) {
                LOG.info("backlog: {} chunk files left unread on disk for the next start", remaining);
                return;
            }
            Path file = files.file(i);
            try {
                read(file);
            } catch (InterruptedException e) {
                LOG.info("backlog: {} chunk files left unread on disk for the next start", remaining);
                return;
            } catch (RuntimeException e) {
                LOG.error("backlog: cannot replay {}: {}; it stays on disk", file, e.toString());
            }
            remaining--;
        }
        if (n > 0) {
            LOG.info("backlog: every chunk file read");
        }
    }

    /** Lists the chunk files a previous run left, oldest first across all streams; reads none of them. */
    private void list() throws IOException {
        Path root = disk.root();
        Path rejected = disk.settings().deadLetterFolder();
        long bytes = 0;
        try (java.nio.file.DirectoryStream<Path> streams = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path stream : streams) {
                String name = stream.getFileName().toString();
                if (name.startsWith(".") || name.equals(Quarantine.FOLDER)
                        || (rejected != null && stream.equals(rejected))
                        || name.equals(disk.settings().rejectedPath())) {
                    continue;
                }
                int id = files.stream(stream);
                try (java.nio.file.DirectoryStream<Path> chunks = Files.newDirectoryStream(stream)) {
                    for (Path f : chunks) {
                        if (stopping) {
                            return;
                        }
                        if (f.getFileName().toString().startsWith(".") || disk.createdThisRun(f)) {
                            continue;
                        }
                        java.nio.file.attribute.BasicFileAttributes attrs;
                        try {
                            attrs = Files.readAttributes(f, java.nio.file.attribute.BasicFileAttributes.class);
                        } catch (IOException gone) {
                            continue;
                        }
                        if (attrs.isRegularFile() && files.add(id, f.getFileName().toString())) {
                            bytes += attrs.size();
                        }
                    }
                } catch (IOException | java.nio.file.DirectoryIteratorException e) {
                    LOG.error("cannot list backlog folder {}: {}; its chunks are skipped this run", stream,
                            e.toString());
                }
            }
        }
        files.sort();
        remaining = files.size();
        disk.found(bytes);
        if (files.full()) {
            LOG.warn("backlog: more chunk files under {} than one run replays; {} of them are replayed now, the "
                    + "others at the next start", root, files.size());
        }
        if (files.size() > 0) {
            LOG.info("backlog: {} chunk files ({} bytes) under {}; reading them with at most {} bytes in memory",
                    files.size(), bytes, root, memLimit);
        }
    }

    private void read(Path file) throws InterruptedException {
        String stream = file.getParent().getFileName().toString();
        LoadedChunk chunk;
        try {
            chunk = ChunkLoader.load(file);
        } catch (IOException e) {
            LOG.error("backlog: cannot read {}: {}; it is skipped this run and stays on disk", file, e.toString());
            return;
        }
        switch (chunk.status()) {
            case EMPTY -> {
                delete(file, "empty (created just before a stop, nothing was counted from it)");
                return;
            }
            case NEWER_VERSION -> {
                LOG.warn("backlog: {} was written by a newer sluice ({}); it stays on disk", file, chunk.describe());
                return;
            }
            case UNREADABLE -> {
                quarantine(stream, file, "unreadable: " + chunk.describe() + "; 0 records saved");
                return;
            }
            case OK, DAMAGED -> { }
            default -> {
                // TOO_LARGE, or a status added later: the file was not read, so its 0 records say nothing about it
                LOG.warn("backlog: {} was not read ({}); it stays on disk", file, chunk.describe());
                return;
            }
        }
        long cut = chunk.damage().none() ? 0 : repair(stream, chunk);
        if (chunk.records() == 0) {
            delete(file, "holds no records");
            return;
        }
        List<OutputLane> routes = new ArrayList<>();
        boolean matched = false;
        for (OutputLane o : outputs) {
            if (o.matches(chunk.tag())) {
                matched = true;
                if (!chunk.doneOutputs().contains(o.name())) {
                    routes.add(o);
                }
            }
        }
        if (!matched) {
            orphans.incrementAndGet();
            LOG.info("backlog: no output matches tag '{}' of {} ({} records); it stays on disk", chunk.tag(), file,
                    chunk.records());
            return;
        }
        if (routes.isEmpty()) {
            delete(file, "every matching output had confirmed it");
            return;
        }
        waitForRoom(chunk.eventsLength());
        ChunkWriter writer = ChunkWriter.resume(chunk, disk.settings().sync());
        // from now on the file counts as its writer's size, which its done marks grow and its delete takes off (a
        // torn tail the repair could not cut is cut by the first mark, or goes with the file)
        disk.found(writer.size() - (chunk.fileLength() - cut));
        StoredChunk stored = new StoredChunk(writer);
        Chunk replay = Chunk.fromBacklog(router.nextSeq(), stream, chunk.tag(), routes, chunk.events(),
                chunk.eventsLength(), (int) chunk.records(), stored);
        metrics.engine("records").add(chunk.records());
        metrics.engine("bytes").add(chunk.eventsLength());
        replayed.computeIfAbsent(stream, s -> new AtomicLong()).addAndGet(chunk.records());
        LOG.info("backlog: replaying {} ({} records, tag '{}') to {}; records delivered just before the last stop "
                + "may arrive twice", file, chunk.records(), chunk.tag(),
                routes.stream().map(OutputLane::name).toList());
        if (!loop.execute(() -> router.dispatch(replay))) {
            released(replay);
        }
    }

    /** Cuts a damaged file back to its last valid frame; returns the bytes cut (0 when it could not be cut). */
    private long repair(String stream, LoadedChunk chunk) {
        try {
            if (chunk.damage().corruptFrames() > 0) {
                disk.damaged();
                Path copy = disk.root().resolve(Quarantine.FOLDER).resolve(stream);
                Files.createDirectories(copy);
                Files.copy(chunk.file(), copy.resolve(chunk.file().getFileName() + ".damaged"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            long cut = ChunkRepair.cutToValidLength(chunk, disk.settings().sync());
            disk.found(-cut);
            LOG.warn("backlog: {} was damaged ({}); {} records recovered, {} bytes cut{}", chunk.file(),
                    chunk.damage().describe(), chunk.records(), cut, chunk.damage().corruptFrames() > 0
                            ? ", a copy of the damaged file kept in " + Quarantine.FOLDER + "/" + stream : "");
            return cut;
        } catch (IOException e) {
            LOG.warn("backlog: {} was damaged ({}); {} records recovered; the file could not be repaired: {}",
                    chunk.file(), chunk.damage().describe(), chunk.records(), e.toString());
            return 0;
        }
    }

    /**
     * Waits until a chunk of {@code bytes} fits the budget: its bytes within {@code storage.backlog.mem_limit}, and
     * at most {@code storage.max_chunks_up} chunks in flight, since each costs objects beside its bytes (a backlog of
     * many small files would otherwise fill the heap with them).
     */
    private void waitForRoom(long bytes) throws InterruptedException {
        synchronized (budget) {
            while (inFlightChunks > 0 && (inFlight + bytes > memLimit || inFlightChunks >= maxChunks)) {
                budget.wait();
            }
            inFlight += bytes;
            inFlightChunks++;
        }
    }

    /** A replayed chunk's last route is done: it leaves the budget. Engine thread. */
    void released(Chunk chunk) {
        synchronized (budget) {
            inFlight -= chunk.size();
            inFlightChunks--;
            budget.notifyAll();
        }
    }

    private void delete(Path file, String why) {
        try {
            long size = Files.size(file);
            Files.deleteIfExists(file);
            disk.found(-size);
            LOG.info("backlog: {} deleted: {}", file, why);
        } catch (IOException e) {
            LOG.warn("backlog: cannot delete {} ({}): {}", file, why, e.toString());
        }
    }

    private void quarantine(String stream, Path file, String why) {
        try {
            Quarantine.Outcome outcome = disk.quarantine(stream, file);
            LOG.error("backlog: {} is {}; {}", file, why, outcome.action() == Quarantine.Action.MOVED
                    ? "moved to " + outcome.file() : "deleted (storage.delete_irrecoverable_chunks on)");
        } catch (IOException e) {
            LOG.error("backlog: {} is {}; it could not be moved aside: {}", file, why, e.toString());
        }
    }

    /** Records replayed from the backlog, by the input that wrote them. */
    Map<String, Long> replayedRecords() {
        Map<String, Long> copy = new java.util.TreeMap<>();
        replayed.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    /** Backlog chunks kept on disk because no output matches their tag. */
    long orphans() {
        return orphans.get();
    }

    /** Files not read yet. */
    int remaining() {
        return remaining;
    }

    /** Backlog bytes in memory or in flight. */
    long inFlight() {
        synchronized (budget) {
            return inFlight;
        }
    }
}
